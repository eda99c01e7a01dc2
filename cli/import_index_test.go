package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/model/merge"
	"github.com/align-team/align/store"
)

// An import reads only the sprints its bundles touch, and finds the rest
// through the store's ID index: a record whose ID lives in an old sprint
// that no bundle names, arriving for another sprint or as another kind, is
// refused with the words a merge against the whole history gives, and the
// workspace file stays byte-identical.
func TestImport_Run_IDOfAnUntouchedSprint(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db) // Sprint 14, which the bundles below never name
	mustID(t, db, "sprint", "add", "Sprint 15", "--start", "2025-03-17", "--end", "2025-03-28")
	mustID(t, db, "objective", "add", "Onboarding emails", "--sprint", "Sprint 15")
	mustID(t, db, "story", "add", "Welcome email", "--sprint", "Sprint 15", "--objective", "Onboarding emails")
	old := []byte(mustRun(t, db, "export", "--format", "json", "--sprint", "Sprint 14"))
	plan := []byte(mustRun(t, db, "export", "--format", "json", "--sprint", "Sprint 15"))
	var oldObjective string
	mutate(t, old, func(b map[string]any) { oldObjective = rec(b, "objectives", 0)["id"].(string) })
	tests := []struct {
		name   string
		change func(b map[string]any)
		want   []string
	}{
		{"an objective moved in from the old sprint", func(b map[string]any) {
			rec(b, "objectives", 0)["id"] = oldObjective
		}, []string{"objective " + oldObjective, "moves it from sprint", "a record never changes sprint"}},
		{"a story with the ID of the old sprint's objective", func(b map[string]any) {
			rec(b, "stories", 0)["id"] = oldObjective
		}, []string{"story " + oldObjective, "is already used by objective"}},
		{"a story of the old sprint's objective", func(b map[string]any) {
			rec(b, "stories", 0)["objective_id"] = oldObjective
		}, []string{"belongs to sprint", "not to this story's sprint"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := mutate(t, plan, tt.change)
			in := writeTemp(t, "bundle.json", data)
			want := in + ": cannot merge it into this workspace: " + wholeHistoryMergeError(t, db, data) + "; nothing was imported"
			before := fileHash(t, db)
			for _, args := range [][]string{{"import", in}, {"import", in, "--dry-run"}} {
				r := run(t, db, args...)
				if r.err == nil || r.err.Error() != want {
					t.Fatalf("%v: error %v\nwant %s", args, r.err, want)
				}
				for _, w := range tt.want {
					if !strings.Contains(r.err.Error(), w) {
						t.Errorf("error %q lacks %q", r.err, w)
					}
				}
				if r.stdout != "" {
					t.Errorf("a refused import printed a report:\n%s", r.stdout)
				}
			}
			if fileHash(t, db) != before {
				t.Error("the workspace file changed")
			}
		})
	}
}

// wholeHistoryMergeError is the error of merging the bundle data against
// every record of the workspace at db, as import did before it read only
// the sprints a bundle touches.
func wholeHistoryMergeError(t *testing.T, db string, data []byte) string {
	t.Helper()
	b, err := export.DecodeBundle(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	in, err := b.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	local, err := st.Dataset(store.DatasetOptions{IncludeDeleted: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = merge.Import(local, in, model.Author{ID: b.Author}, testNow, importMaxSkew)
	if err == nil {
		t.Fatal("the bundle merges against the whole history; the test needs one that does not")
	}
	return err.Error()
}
