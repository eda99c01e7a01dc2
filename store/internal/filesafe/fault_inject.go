//go:build faultinject

package filesafe

import "sync"

// Fault injection for tests: built only with -tags faultinject. Each write
// step of the store calls FailAt with the step's name just after doing its
// part (so that a failure lands in the middle of the operation); a hook set
// by a test decides which call fails.
//
// Steps: "create.buckets", "create.workspace" (first creation of a file),
// "migrate.vN" (after migration N ran), "migrate.version" (before the new
// schema version is written), "apply.put" (after each record Apply writes), "order.put" (after each
// record SaveOrder writes),
// "backup.write", "backup.sync", "backup.rename", "backup.syncdir" (Backup),
// and "autobackup.prune" (before each old automatic backup is removed).

var (
	faultMu   sync.Mutex
	faultHook func(step string) error
)

// FailAt returns the hook's verdict on step (nil without a hook).
func FailAt(step string) error {
	faultMu.Lock()
	hook := faultHook
	faultMu.Unlock()
	if hook == nil {
		return nil
	}
	return hook(step)
}

// SetFaultHook installs hook (nil removes it) and returns the one it replaced.
func SetFaultHook(hook func(step string) error) func(step string) error {
	faultMu.Lock()
	defer faultMu.Unlock()
	old := faultHook
	faultHook = hook
	return old
}
