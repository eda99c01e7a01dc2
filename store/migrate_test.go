package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// v1Fixture writes a version-1 workspace by hand: the record buckets as
// today, but the team, settings and last member as loose meta keys and no
// replica ID. It returns the member it stores.
func v1Fixture(t *testing.T, path string, settings map[string]string) model.Member {
	t.Helper()
	m := model.Member{Meta: model.NewMeta(t0), Name: "Ann Lee", Handle: "ann", Active: true}
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		for _, name := range topBuckets {
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		kv := map[string]string{"schema": "1", "team": "Platform\x1b", "last_member": string(m.ID[:])}
		for k, v := range settings {
			kv[k] = v
		}
		for k, v := range kv {
			if err := meta.Put([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		data, err := encMember(m)
		if err != nil {
			return err
		}
		return tx.Bucket(bucketMembers).Put(m.ID[:], data)
	})
	return m
}

func TestOpen_MigratesV1(t *testing.T) {
	tests := []struct {
		name     string
		settings map[string]string
		want     model.Settings
	}{
		{"all settings", map[string]string{"aligned_below": "10", "split_at": "25", "outlier_distance": "20", "evidence_gap": "35", "anonymous_reveal": "true"},
			model.Settings{AlignedBelow: 10, SplitAt: 25, OutlierDistance: 20, EvidenceGap: 35, AnonymousReveal: true}},
		{"missing and unreadable fall back to defaults", map[string]string{"split_at": "lots", "evidence_gap": "40"},
			model.Settings{AlignedBelow: 15, SplitAt: 30, OutlierDistance: 25, EvidenceGap: 40}},
		{"invalid combination falls back as a whole", map[string]string{"aligned_below": "50", "split_at": "20"},
			model.DefaultSettings()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "align.db")
			m := v1Fixture(t, path, tt.settings)
			t.Cleanup(func() { checkFile(t, path) })
			s := openTestStore(t, path, Options{})

			ws := must[Workspace](t)(s.Workspace())
			if ws.Schema != SchemaVersion || ws.Team != "Platform" || ws.ReplicaID == uuid.Nil || ws.LastMember != m.ID || ws.Settings != tt.want {
				t.Errorf("migrated workspace = %+v; want settings %+v", ws, tt.want)
			}
			if ms := must[[]model.Member](t)(s.Members()); len(ms) != 1 || ms[0].Handle != "ann" {
				t.Errorf("members after migration = %+v", ms)
			}
			// The loose version-1 keys are gone.
			_ = s.view(func(tx *bolt.Tx) error {
				for _, k := range []string{"team", "aligned_below", "split_at", "last_member"} {
					if tx.Bucket(bucketMeta).Get([]byte(k)) != nil {
						t.Errorf("meta key %q survived the migration", k)
					}
				}
				return nil
			})
			// The backup holds the version-1 file as it was.
			db, err := bolt.Open(preBak(path), 0o600, &bolt.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("no readable backup: %v", err)
			}
			_ = db.View(func(tx *bolt.Tx) error {
				meta := tx.Bucket(bucketMeta)
				if v, team := string(meta.Get(schemaKey)), string(meta.Get([]byte("team"))); v != "1" || team != "Platform\x1b" {
					t.Errorf("backup has schema %q and team %q, want the version-1 state", v, team)
				}
				return nil
			})
			_ = db.Close()
			if info, _ := os.Stat(preBak(path)); info.Mode().Perm() != 0o600 {
				t.Errorf("backup mode %o, want 600", info.Mode().Perm())
			}
		})
	}
}

func TestOpen_MigrationKeepsEarlierBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	v1Fixture(t, path, nil)
	writeFile(t, preBak(path), []byte("an earlier backup"))
	t.Cleanup(func() { checkFile(t, path) })
	s := openTestStore(t, path, Options{})
	_ = s.Close()
	if got, _ := os.ReadFile(preBak(path)); string(got) != "an earlier backup" {
		t.Error("the earlier backup was overwritten")
	}
	if _, err := os.Stat(preBak(path) + ".1"); err != nil {
		t.Errorf("no fresh backup: %v", err)
	}
}

func TestOpen_ReadOnly_OldSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	v1Fixture(t, path, nil)
	before, _ := os.ReadFile(path)
	_, err := Open(path, Options{ReadOnly: true})
	if !errors.Is(err, ErrOldSchema) || !strings.Contains(err.Error(), "schema version 1") {
		t.Fatalf("read-only open of a version-1 file: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("read-only open changed the file")
	}
}

func TestMigrations_Ordered(t *testing.T) {
	prev := 1
	for _, m := range migrations {
		if m.version != prev+1 || m.name == "" || m.up == nil {
			t.Errorf("migration %+v does not follow version %d", m, prev)
		}
		prev = m.version
	}
	if prev != SchemaVersion {
		t.Errorf("last migration is version %d, SchemaVersion is %d", prev, SchemaVersion)
	}
}
