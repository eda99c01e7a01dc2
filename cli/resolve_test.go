package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

var (
	idA = uuid.MustParse("0195a1b2-c3d4-7e5f-8a6b-000000000001")
	idB = uuid.MustParse("0195a1b2-c3d4-7e5f-8a6b-000000000002")
	idC = uuid.MustParse("0195ffff-0000-7000-8000-00000000000c")
	idD = uuid.MustParse("dead0000-0000-7000-8000-00000000000d")
	idE = uuid.MustParse("0195eeee-0000-7000-8000-00000000000e")
)

func testObjectives() []model.Objective {
	return []model.Objective{
		{Meta: model.Meta{ID: idA}, Title: "Checkout in three steps"},
		{Meta: model.Meta{ID: idB}, Title: "Faster search"},
		{Meta: model.Meta{ID: idC}, Title: "Docs"},
		{Meta: model.Meta{ID: idD}, Title: "docs"},
	}
}

func TestResolveObjective_Table(t *testing.T) {
	tests := []struct {
		name    string
		ref     string
		want    uuid.UUID
		wantErr []string // substrings of the error; nil means success
	}{
		{"full id", idB.String(), idB, nil},
		{"full id upper case", strings.ToUpper(idA.String()), idA, nil},
		{"title ignoring case", "FASTER SEARCH", idB, nil},
		{"title with spaces around", "  Faster search ", idB, nil},
		{"unique prefix", "0195ff", idC, nil},
		{"prefix with dashes", "0195a1b2-c3d4-7e5f-8a6b-00000000000", uuid.Nil, []string{"matches 2 objectives", `"Checkout in three steps"`, `"Faster search"`}},
		{"prefix without dashes", "0195a1b2c3d47e5f8a6b000000000001", idA, nil},
		{"prefix is not case sensitive", "DEAD", idD, nil},
		{"ambiguous prefix lists candidates", "0195", uuid.Nil, []string{"matches 3 objectives", "longer id prefix"}},
		{"ambiguous title lists candidates", "DOCS", uuid.Nil, []string{`"Docs" (0195ffff)`, `"docs" (dead0000)`}},
		{"three hex digits is too short for a prefix", "dea", uuid.Nil, []string{`no objective matches "dea"`, "align objective list"}},
		{"not found names the value", "Billing", uuid.Nil, []string{`no objective matches "Billing"`, "align objective list"}},
		{"empty", " ", uuid.Nil, []string{"empty objective reference"}},
		{"unknown full id", "0195a1b2-c3d4-7e5f-8a6b-0000000000ff", uuid.Nil, []string{"no objective matches"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := resolveObjective(tt.ref, testObjectives())
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("resolveObjective(%q) error: %v", tt.ref, err)
				}
				if got.ID != tt.want {
					t.Fatalf("resolveObjective(%q) = %s (%q), want %s", tt.ref, got.ID, got.Title, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("resolveObjective(%q) = %q, want an error", tt.ref, got.Title)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestResolveStory_Key(t *testing.T) {
	stories := []model.Story{
		{Meta: model.Meta{ID: idA}, Title: "Pay with a saved card", Key: "SHOP-1"},
		{Meta: model.Meta{ID: idB}, Title: "Remove the address step", Key: "SHOP-2"},
		{Meta: model.Meta{ID: idC}, Title: "Duplicate key", Key: "SHOP-2"},
		{Meta: model.Meta{ID: idD}, Title: "Upper case", Key: "K1"},
		{Meta: model.Meta{ID: idE}, Title: "Lower case", Key: "k1"},
	}
	tests := []struct {
		ref     string
		want    uuid.UUID
		wantErr string
	}{
		{"shop-1", idA, ""},
		{"Remove the address step", idB, ""},
		{"SHOP-2", uuid.Nil, "matches 2 stories"},
		{"SHOP-3", uuid.Nil, `no story matches "SHOP-3"`},
		{"K1", idD, ""},
		{"k1", idE, ""},
		{"K1 ", idD, ""},
	}
	for _, tt := range tests {
		got, err := resolveStory(tt.ref, stories)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("resolveStory(%q) error = %v, want %q", tt.ref, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.ID != tt.want {
			t.Errorf("resolveStory(%q) = %s, %v; want %s", tt.ref, got.ID, err, tt.want)
		}
	}
}

func TestResolveSprint_Table(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(model.DateLayout, s); return d }
	sprints := []model.Sprint{
		{Meta: model.Meta{ID: idA}, Name: "Sprint 1", Start: day("2025-03-03"), End: day("2025-03-14"), State: model.StateClosed},
		{Meta: model.Meta{ID: idB}, Name: "Sprint 2", Start: day("2025-03-17"), End: day("2025-03-28"), State: model.StateAssessing},
	}
	tests := []struct {
		name    string
		ref     string
		today   string
		want    uuid.UUID
		wantErr string
	}{
		{"current by date", "current", "2025-03-20", idB, ""},
		{"a closed sprint on its dates gives way to the open one", "current", "2025-03-05", idB, ""},
		{"empty means current", "", "2025-03-20", idB, ""},
		{"current between sprints is the latest open one", "CURRENT", "2025-04-30", idB, ""},
		{"by name", "sprint 1", "2025-03-20", idA, ""},
		{"by prefix", idB.String()[:13], "2025-03-20", uuid.Nil, "matches 2 sprints"},
		{"by full id", idB.String(), "2025-03-20", idB, ""},
		{"unknown", "Sprint 9", "2025-03-20", uuid.Nil, `no sprint matches "Sprint 9"; see ` + "`align sprint list`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := resolveSprint(tt.ref, sprints, day(tt.today))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("resolveSprint(%q) error = %v, want %q", tt.ref, err, tt.wantErr)
				}
				return
			}
			if err != nil || got.ID != tt.want {
				t.Fatalf("resolveSprint(%q) = %q, %v; want %s", tt.ref, got.Name, err, tt.want)
			}
		})
	}
}

func TestResolveSprint_NoSprints(t *testing.T) {
	_, err := resolveSprint("current", nil, time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC))
	if err == nil || !strings.Contains(err.Error(), "align sprint add") {
		t.Fatalf("error = %v, want a hint to add a sprint", err)
	}
}

func TestResolveMember_Handles(t *testing.T) {
	members := []model.Member{{Handle: "ana", Name: "Ana"}, {Handle: "bo", Name: "Bo"}}
	tests := []struct {
		ref     string
		want    string
		wantErr string
	}{
		{"ana", "ana", ""},
		{"@Bo", "bo", ""},
		{"cy", "", `no member has the handle "cy"`},
		{"", "", "pass --as HANDLE or set ALIGN_MEMBER"},
	}
	for _, tt := range tests {
		got, err := resolveMember(tt.ref, members)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("resolveMember(%q) error = %v, want %q", tt.ref, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got.Handle != tt.want {
			t.Errorf("resolveMember(%q) = %q, %v; want %q", tt.ref, got.Handle, err, tt.want)
		}
	}
}

func TestShortIDs_Lengths(t *testing.T) {
	tests := []struct {
		name string
		ids  []uuid.UUID
		want map[uuid.UUID]string
	}{
		{"distinct early", []uuid.UUID{idC, idD}, map[uuid.UUID]string{idC: "0195ffff", idD: "dead0000"}},
		{"long common prefix grows every id", []uuid.UUID{idA, idB, idD}, map[uuid.UUID]string{
			idA: idA.String(), idB: idB.String(), idD: idD.String()}},
		{"one id", []uuid.UUID{idA}, map[uuid.UUID]string{idA: "0195a1b2"}},
		{"duplicates do not force full length", []uuid.UUID{idC, idC}, map[uuid.UUID]string{idC: "0195ffff"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shortIDs(tt.ids)
			for id, w := range tt.want {
				if got[id] != w {
					t.Errorf("short id of %s = %q, want %q", id, got[id], w)
				}
			}
		})
	}
}

func TestDashedPrefix_Digits(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{8, "0195a1b2"},
		{9, "0195a1b2-c"},
		{12, "0195a1b2-c3d4"},
		{13, "0195a1b2-c3d4-7"},
		{32, idA.String()},
	}
	for _, tt := range tests {
		if got := dashedPrefix(idA, tt.n); got != tt.want {
			t.Errorf("dashedPrefix(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
