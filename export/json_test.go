package export

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// encode returns v as EncodeJSON writes it.
func encode(t *testing.T, v any) string {
	t.Helper()
	var b strings.Builder
	if err := EncodeJSON(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// keysOf returns the keys of the JSON object s, sorted.
func keysOf(t *testing.T, s string) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, s)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// The documents are indented by two spaces, end with a newline and keep
// "<", ">" and "&" as they are, so that jq and a reader see the text typed.
func TestEncodeJSON_IndentAndNoEscaping(t *testing.T) {
	got := encode(t, GoalsJSON([]model.Goal{{Meta: meta(1, 0, 0), Title: "R&D <fast>"}}))
	want := "[\n  {\n    \"id\": \"" + id(1).String() + "\",\n    \"title\": \"R&D <fast>\",\n    \"description\": \"\",\n    \"archived\": false\n  }\n]\n"
	if got != want {
		t.Errorf("EncodeJSON = %q, want %q", got, want)
	}
}

// An empty workspace gives [] for every list and for the status's lists,
// never null, and a score of null.
func TestJSON_EmptyListsAreEmptyArrays(t *testing.T) {
	sp := model.SprintData{Sprint: model.Sprint{Meta: meta(0x100, 0, 0), Name: "S1"}}
	for name, v := range map[string]any{
		"members":    MembersJSON(nil),
		"goals":      GoalsJSON(nil),
		"sprints":    SprintsJSON(nil, uuid.Nil),
		"objectives": ObjectivesJSON(sp, nil),
		"stories":    StoriesJSON(sp),
		"actions":    ActionsJSON(nil, nil),
	} {
		if got := encode(t, v); got != "[]\n" {
			t.Errorf("%s of nothing = %q, want []", name, got)
		}
	}
	st := encode(t, StatusJSON("T", model.SprintReport{Sprint: sp.Sprint}, nil, ActionsJSON(nil, nil)))
	for _, w := range []string{`"not_submitted": []`, `"late": []`, `"agenda": []`, `"actions": []`, `"score": null`, `"start": null`, `"end": null`} {
		if !strings.Contains(st, w) {
			t.Errorf("status of an empty sprint lacks %s:\n%s", w, st)
		}
	}
}

// Every key README.md's "JSON output" names is present, even when the
// value is absent (null), and no other.
func TestJSON_KeysAsDocumented(t *testing.T) {
	d := fixtureSprint14()
	d.Stories = append(d.Stories, model.Story{Meta: meta(0x229, 0, 0), ObjectiveID: o3, Title: "No key, no points"})
	r := model.Analyze(d, fixtureMembers(), model.Settings{})
	rows := []ActionRow{{Item: d.Actions[2], Sprint: d}, {Item: d.Actions[0], Sprint: d}}
	status := encode(t, StatusJSON("Growth", r, fixtureGoals(), ActionsJSON(rows, fixtureMembers())))
	var doc struct {
		Sprint  json.RawMessage   `json:"sprint"`
		Agenda  []json.RawMessage `json:"agenda"`
		Actions []json.RawMessage `json:"actions"`
	}
	if err := json.Unmarshal([]byte(status), &doc); err != nil {
		t.Fatal(err)
	}
	first := func(s string) string {
		var list []json.RawMessage
		if err := json.Unmarshal([]byte(s), &list); err != nil || len(list) == 0 {
			t.Fatalf("not a non-empty list (%v): %s", err, s)
		}
		return string(list[len(list)-1])
	}
	for _, c := range []struct {
		name, doc, keys string
	}{
		{"status", status, "actions agenda expected late not_submitted score sprint submitted team"},
		{"status sprint", string(doc.Sprint), "end goal id name start state"},
		{"agenda entry", string(doc.Agenda[len(doc.Agenda)-1]), "abstained agreed baseline discussed estimates goal id level max median min minutes missing notes outliers points points_done responses spread stories stories_done title"},
		{"status action", string(doc.Actions[0]), "done due earlier id objective owner sprint text"},
		{"member", first(encode(t, MembersJSON(fixtureMembers()))), "active facilitator handle id keys name"},
		{"goal", first(encode(t, GoalsJSON(fixtureGoals()))), "archived description id title"},
		{"sprint", first(encode(t, SprintsJSON([]model.Sprint{d.Sprint}, d.Sprint.ID))), "current end goal id name start state"},
		{"objective", first(encode(t, ObjectivesJSON(d, fixtureGoals()))), "baseline carried_from description goal id position sprint stories stories_done title"},
		{"story", first(encode(t, StoriesJSON(d))), "id key objective points sprint status title"},
	} {
		if got := strings.Join(keysOf(t, c.doc), " "); got != c.keys {
			t.Errorf("%s has keys %q, want %q", c.name, got, c.keys)
		}
	}
}

// Absent values are null and present ones keep their value: a story
// without key or points, an objective without goal, carry-over or
// baseline, an action without owner, due date or objective; the
// reference names carry the titles of the records they point to.
func TestJSON_NullsAndReferences(t *testing.T) {
	d := fixtureSprint14()
	due := time.Date(2026, 3, 20, 15, 0, 0, 0, time.FixedZone("CET", 3600))
	d.Actions[0].Due = due
	objectives := ObjectivesJSON(d, fixtureGoals())
	if o := objectives[0]; o.Position != 1 || o.Goal == nil || o.Goal.Name != "Grow activation" || o.CarriedFrom == nil || *o.CarriedFrom != o13.String() ||
		o.Baseline == nil || *o.Baseline != 60 || o.Stories != 5 || o.StoriesDone != 2 || o.Sprint.Name != "Sprint 14" {
		t.Errorf("first objective = %+v", o)
	}
	if o := objectives[2]; o.Position != 3 || o.Goal != nil || o.CarriedFrom != nil || o.Baseline != nil || o.Stories != 0 {
		t.Errorf("third objective = %+v", o)
	}
	stories := StoriesJSON(d)
	if s := stories[6]; s.Key == nil || *s.Key != "BIL-2" || s.Points != nil || s.Objective.Name != "Billing migration | phase 1" {
		t.Errorf("BIL-2 = %+v", s)
	}
	rows := []ActionRow{{Item: d.Actions[0], Sprint: d}, {Item: d.Actions[2], Sprint: d, Earlier: true}}
	actions := ActionsJSON(rows, fixtureMembers())
	if a := actions[0]; a.Owner == nil || *a.Owner != "bob" || a.Due == nil || *a.Due != "2026-03-20" || a.Objective == nil || a.Objective.Name != "Onboarding flow live" || a.Earlier {
		t.Errorf("first action = %+v", a)
	}
	if a := actions[1]; a.Owner != nil || a.Due != nil || a.Objective != nil || !a.Earlier || a.Sprint.Name != "Sprint 14" {
		t.Errorf("second action = %+v", a)
	}
	sprints := SprintsJSON([]model.Sprint{fixtureSprint13().Sprint, d.Sprint}, d.Sprint.ID)
	if sprints[0].Current || !sprints[1].Current || *sprints[1].Start != "2026-03-02" || sprints[1].State != "review" {
		t.Errorf("sprints = %+v", sprints)
	}
}

// status --json keeps the agenda's order, gives each objective's missing
// members and its figures, and null figures where nobody answered.
func TestStatusJSON_FromTheAnalysis(t *testing.T) {
	d := fixtureSprint14()
	r := model.Analyze(d, fixtureMembers(), model.Settings{})
	got := StatusJSON("Growth", r, fixtureGoals(), []JSONAction{})
	if got.Team != "Growth" || got.Sprint.Name != "Sprint 14" || got.Submitted != r.Submitted || got.Expected != r.Expected ||
		got.Score == nil || *got.Score != r.Score || len(got.Agenda) != len(r.Agenda) {
		t.Fatalf("status = %+v, from %+v", got, r)
	}
	missing := map[uuid.UUID][]string{}
	for _, m := range r.Missing {
		missing[m.ObjectiveID] = m.Handles
	}
	for i, s := range r.Agenda {
		o := got.Agenda[i]
		if o.ID != s.Objective.ID.String() || o.Responses != s.Responses || len(o.Estimates) != len(s.Estimates) ||
			!slices.Equal(o.Missing, nonNil(missing[s.Objective.ID])) || o.Points != s.Evidence.Points {
			t.Errorf("agenda[%d] = %+v, from %+v", i, o, s)
		}
		if s.Responses > 0 && (o.Median == nil || *o.Median != s.Median || *o.Spread != s.Spread) {
			t.Errorf("agenda[%d] figures = %v %v, want %v %v", i, o.Median, o.Spread, s.Median, s.Spread)
		}
		if s.Outcome != nil && s.Outcome.Agreed != nil && (o.Agreed == nil || *o.Agreed != *s.Outcome.Agreed || o.Notes != s.Outcome.Notes) {
			t.Errorf("agenda[%d] outcome = %v %q", i, o.Agreed, o.Notes)
		}
	}
	quiet := StatusJSON("", model.SprintReport{Agenda: []model.ObjectiveStats{{Objective: model.Objective{Title: "Docs"}}}}, nil, nil)
	if o := quiet.Agenda[0]; o.Median != nil || o.Min != nil || o.Max != nil || o.Spread != nil || o.Goal != nil || o.Agreed != nil || o.Estimates == nil || o.Outliers == nil || o.Missing == nil {
		t.Errorf("an objective nobody answered = %+v", o)
	}
}
