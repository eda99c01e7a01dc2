package store

import (
	"fmt"
	"strconv"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store/internal/filesafe"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// migration upgrades the layout from version-1 to version. Its function runs
// inside the one transaction that also writes the new schema version, so a
// failing migration leaves the file as it was.
type migration struct {
	version int
	name    string
	up      func(*bolt.Tx) error
}

// migrations lists every migration in version order; the last version is
// SchemaVersion (a test checks both).
var migrations = []migration{
	{2, "settings as one workspace record with a replica ID", migrateWorkspaceRecord},
	{3, "an index of the sprints' dates and states", migrateSprintIndex},
	{4, "an index of every record ID and where it lives", migrateIDIndex},
}

// migrate runs the migrations newer than from, in order.
func migrate(tx *bolt.Tx, from int) error {
	for _, m := range migrations {
		if m.version <= from {
			continue
		}
		if err := m.up(tx); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
		if err := failAt(fmt.Sprintf("migrate.v%d", m.version)); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
	}
	return nil
}

// Version 1 kept the workspace state as loose keys in the meta bucket, with
// numbers in decimal ASCII and no replica ID. They are listed here only so
// that the migration can read and remove them.
var (
	v1Team            = []byte("team")
	v1AlignedBelow    = []byte("aligned_below")
	v1SplitAt         = []byte("split_at")
	v1OutlierDistance = []byte("outlier_distance")
	v1EvidenceGap     = []byte("evidence_gap")
	v1AnonymousReveal = []byte("anonymous_reveal")
	v1LastMember      = []byte("last_member")
)

// migrateWorkspaceRecord (1 → 2) gathers the loose version-1 meta keys into
// one workspace record and gives the file its replica ID, which merges need
// to break ties. A missing or unreadable number falls back to its default,
// and settings that do not validate together fall back to the defaults as a
// whole: a migration must not strand a workspace over a setting the user can
// change again with `align config`.
func migrateWorkspaceRecord(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return fmt.Errorf("no %q bucket", bucketMeta)
	}
	def := defaultSettings()
	num := func(key []byte, fallback int) int {
		if n, err := strconv.Atoi(string(meta.Get(key))); err == nil {
			return n
		}
		return fallback
	}
	st := model.Settings{
		AlignedBelow:    num(v1AlignedBelow, def.AlignedBelow),
		SplitAt:         num(v1SplitAt, def.SplitAt),
		OutlierDistance: num(v1OutlierDistance, def.OutlierDistance),
		EvidenceGap:     num(v1EvidenceGap, def.EvidenceGap),
		AnonymousReveal: string(meta.Get(v1AnonymousReveal)) == "true",
	}
	if st.Validate() != nil {
		st = def
		st.AnonymousReveal = string(meta.Get(v1AnonymousReveal)) == "true"
	}
	replica, err := uuid.NewRandom()
	if err != nil {
		return fmt.Errorf("create replica ID: %w", err)
	}
	ws := Workspace{Team: model.Sanitize(string(meta.Get(v1Team)), false), ReplicaID: replica, Settings: st}
	if v := meta.Get(v1LastMember); len(v) == 16 {
		ws.LastMember, _ = keyID(v)
	}
	if err := putWorkspace(tx, ws); err != nil {
		return err
	}
	for _, k := range [][]byte{v1Team, v1AlignedBelow, v1SplitAt, v1OutlierDistance, v1EvidenceGap, v1AnonymousReveal, v1LastMember} {
		if err := meta.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// backupBeforeMigration copies the file to path.pre-vN.bak (N is the
// version about to be written) before a migration touches it, choosing a
// fresh name if an earlier attempt left one behind.
func (s *Store) backupBeforeMigration(from int) (string, error) {
	base := fmt.Sprintf("%s.pre-v%d.bak", s.path, SchemaVersion)
	dest := base
	for i := 1; filesafe.Exists(dest); i++ {
		dest = fmt.Sprintf("%s.%d", base, i)
	}
	if err := s.Backup(dest, false); err != nil {
		return "", fmt.Errorf("cannot back up %s before upgrading it from schema version %d: %w", s.path, from, err)
	}
	return dest, nil
}
