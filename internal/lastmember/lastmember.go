// Package lastmember remembers, for one OS user, which member they last
// assessed as in each workspace, so that the terminal UI opens as them next
// time. It lives in the user's own state directory, never in the shared
// workspace: on a shared laptop each login has its own choice.
package lastmember

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/google/uuid"
)

// maxEntries bounds the file: the workspaces used least recently are
// forgotten first.
const maxEntries = 64

// File is the remembered choices of one OS user, one per workspace.
type File struct {
	// Path is the JSON file; see DefaultPath.
	Path string
	// Now is the clock for the entries' times; nil means time.Now.
	Now func() time.Time
}

type entry struct {
	Member uuid.UUID `json:"member"`
	Used   time.Time `json:"used"`
}

// DefaultPath is $XDG_STATE_HOME/align/last-member.json, or
// ~/.local/state/align/last-member.json when XDG_STATE_HOME is unset.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "align", "last-member.json"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding your home directory to remember the member: %w", err)
	}
	return filepath.Join(home, ".local", "state", "align", "last-member.json"), nil
}

// key names a workspace by its absolute, symlink-free path.
func key(workspace string) string {
	if abs, err := filepath.Abs(workspace); err == nil {
		workspace = abs
	}
	if real, err := filepath.EvalSymlinks(workspace); err == nil {
		workspace = real
	}
	return workspace
}

// read returns the file's entries; a missing file is none, and so is a
// damaged one (it only saves a key press; the next Remember rewrites it).
func (f File) read() map[string]entry {
	out := map[string]entry{}
	data, err := os.ReadFile(f.Path)
	if err != nil {
		return out
	}
	if json.Unmarshal(data, &out) != nil {
		return map[string]entry{}
	}
	return out
}

// Recall returns the member last remembered for workspace, or uuid.Nil.
func (f File) Recall(workspace string) uuid.UUID {
	return f.read()[key(workspace)].Member
}

// Remember records id as the member for workspace (uuid.Nil forgets it),
// writing the file whole to a temporary file first, readable by the user
// alone.
func (f File) Remember(workspace string, id uuid.UUID) error {
	now := time.Now
	if f.Now != nil {
		now = f.Now
	}
	all := f.read()
	k := key(workspace)
	if id == uuid.Nil {
		delete(all, k)
	} else {
		all[k] = entry{Member: id, Used: now().UTC()}
	}
	if len(all) > maxEntries {
		keys := make([]string, 0, len(all))
		for k := range all {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return all[keys[i]].Used.After(all[keys[j]].Used) })
		for _, k := range keys[maxEntries:] {
			delete(all, k)
		}
	}
	data, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return err
	}
	return f.write(data)
}

func (f File) write(data []byte) error {
	dir := filepath.Dir(f.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("remembering the member in %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".last-member-*")
	if err != nil {
		return fmt.Errorf("remembering the member in %s: %w", dir, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), f.Path)
	}
	if werr != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("remembering the member in %s: %w", f.Path, werr)
	}
	return nil
}

// Workspace is the remembered choice for one workspace: what the terminal
// UI is given (views.Options.Memory).
type Workspace struct {
	File File
	// DB is the workspace file's path.
	DB string
}

// Recall returns the member remembered for the workspace, or uuid.Nil.
func (w Workspace) Recall() uuid.UUID { return w.File.Recall(w.DB) }

// Remember records id for the workspace; uuid.Nil forgets.
func (w Workspace) Remember(id uuid.UUID) error { return w.File.Remember(w.DB, id) }
