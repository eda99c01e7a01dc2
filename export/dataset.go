package export

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// Dataset returns the bundle's records as model values, each normalised
// (model's Normalize: text sanitised, dates truncated) and validated. Records
// are sorted by ID within each kind, sprints by ID; empty lists are nil. The
// error names the first invalid record by kind, ID and field. Besides each
// record's own rules it rejects nil or repeated IDs anywhere in the bundle,
// an update time before the creation time, and two live members with one
// handle. References between records are not resolved here: a bundle may
// refer to records that only the importing workspace holds.
func (b Bundle) Dataset() (model.Dataset, error) {
	d, err := b.checked()
	if err != nil {
		return model.Dataset{}, err
	}
	return sortedCopy(d), nil
}

// checked validates the header and a normalised copy of the records, in
// their current order so that error paths match the input.
func (b Bundle) checked() (model.Dataset, error) {
	if err := b.checkHeader(); err != nil {
		return model.Dataset{}, err
	}
	d := model.CopyDataset(b.data)
	model.PlaceUnderSprints(&d)
	model.NormalizeAll(&d)
	v := validator{seen: map[uuid.UUID]string{}, handles: map[string]string{}, mine: b.Scope == ScopeMine, counts: map[model.RecordKind]int{}}
	_ = model.EachRecord(d, v.record)
	return d, v.err
}

func (b Bundle) checkHeader() error {
	hdr := func(field, format string, args ...any) error {
		return &RecordError{Kind: "header", Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case b.Format != BundleFormat:
		return errFormat(b.Format)
	case b.Version != BundleVersion:
		return errVersion(strconv.Itoa(b.Version))
	case b.ExportedAt.IsZero():
		return hdr("exported_at", "the export time is missing")
	case b.Replica == uuid.Nil:
		return hdr("replica", "the nil UUID is not allowed")
	case b.Scope != ScopeSprint && b.Scope != ScopeAll && b.Scope != ScopeMine:
		return hdr("scope", "%q is not a scope; use %q, %q or %q", b.Scope, ScopeSprint, ScopeAll, ScopeMine)

	case b.Scope == ScopeSprint && len(b.data.Sprints) != 1:
		return hdr("scope", "a %q bundle holds exactly one sprint, this one holds %d", ScopeSprint, len(b.data.Sprints))
	}
	if n := len([]rune(b.Team)); n > model.MaxTitle {
		return hdr("team", "is %d characters long; at most %d allowed", n, model.MaxTitle)
	}
	if b.Scope == ScopeMine {
		return b.checkMine()
	}
	return nil
}

// validator collects the first problem found in a dataset.
type validator struct {
	err     error
	seen    map[uuid.UUID]string // id → path of the record that has it
	handles map[string]string    // live handle → path
	mine    bool                 // a "mine" bundle: its sprints are references

	// Where the next record goes, for its error path.
	counts   map[model.RecordKind]int // goals and members so far
	sprints  int                      // sprints so far
	sprint   string                   // path of the sprint being checked
	inSprint map[model.RecordKind]int // its records so far, by kind
}

func (v *validator) fail(path, kind string, id uuid.UUID, field, format string, args ...any) {
	if v.err != nil {
		return
	}
	ids := ""
	if id != uuid.Nil {
		ids = id.String()
	}
	v.err = &RecordError{Path: path, Kind: kind, ID: ids, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// meta checks the fields every record has (model.CheckMeta) and that
// its ID is not used twice.
func (v *validator) meta(path string, rec any, listedUnder uuid.UUID) {
	kind, m, _, _ := model.Describe(rec)
	if f := model.CheckMeta(rec, listedUnder, time.Time{}, 0, model.BundleMetaNames); f != nil {
		v.fail(path, kind.String(), m.ID, f.Field, "%s", f.Msg)
	}
	if m.ID == uuid.Nil {
		return
	}
	if other, dup := v.seen[m.ID]; dup {
		v.fail(path, kind.String(), m.ID, "id", "repeats the id of the record at %s", other)
	}
	v.seen[m.ID] = path
}

// ref checks that a required reference is set.
func (v *validator) ref(path, kind string, id uuid.UUID, field string, ref uuid.UUID) {
	if ref == uuid.Nil {
		v.fail(path, kind, id, field, "the nil UUID is not allowed; the %s must refer to a record", field)
	}
}

// valid turns a model validation error into a RecordError.
func (v *validator) valid(path, kind string, id uuid.UUID, err error) {
	if err == nil {
		return
	}
	var fe *model.FieldError
	if !errors.As(err, &fe) {
		v.fail(path, kind, id, "", "%v", err)
		return
	}
	v.fail(path, kind, id, wireFieldName(kind, fe.Field), "%s", fe.Msg)
}

// wireFieldName maps model's field names to the bundle's where they differ.
func wireFieldName(kind, field string) string {
	switch {
	case kind == "member" && field == "key":
		return "ssh_keys"
	case kind == "sprint" && field == "dates":
		return "start"
	}
	return field
}

// wireLists names each kind's list in a bundle, for error paths.
var wireLists = map[model.RecordKind]string{
	model.KindGoal: "goals", model.KindMember: "members", model.KindSprint: "sprints",
	model.KindObjective: "objectives", model.KindStory: "stories", model.KindAssessment: "assessments",
	model.KindOutcome: "outcomes", model.KindAction: "action_items",
}

// record checks one record (model.EachRecord's visit), listed under sprint
// listedUnder, and returns the first problem found so far. A "mine"
// bundle's sprint names the sprint by id and carries no header: only its
// id is checked.
func (v *validator) record(rec any, listedUnder uuid.UUID) error {
	kind, m, _, _ := model.Describe(rec)
	path := v.path(kind)
	if kind == model.KindSprint && v.mine {
		v.ref(path, kind.String(), m.ID, "id", m.ID)
		return v.err
	}
	v.meta(path, rec, listedUnder)
	for _, r := range requiredRefs(rec) {
		v.ref(path, kind.String(), m.ID, r.field, r.id)
	}
	v.valid(path, kind.String(), m.ID, model.ValidateRecord(rec))
	if mb, ok := rec.(model.Member); ok && !mb.Deleted && v.err == nil {
		if other, dup := v.handles[mb.Handle]; dup {
			v.fail(path, kind.String(), mb.ID, "handle", "%q is also the handle of the live member at %s", mb.Handle, other)
		}
		v.handles[mb.Handle] = path
	}
	return v.err
}

// path returns the bundle path of the next record of kind: goals[i],
// sprints[i], sprints[i].stories[j] (both rounds of assessments count as
// one list, as the bundle writes them).
func (v *validator) path(kind model.RecordKind) string {
	if kind == model.KindSprint {
		v.sprint, v.inSprint = fmt.Sprintf("sprints[%d]", v.sprints), map[model.RecordKind]int{}
		v.sprints++
		return v.sprint
	}
	n, prefix := v.counts, ""
	if kind.InSprint() {
		n, prefix = v.inSprint, v.sprint+"."
	}
	i := n[kind]
	n[kind]++
	return fmt.Sprintf("%s%s[%d]", prefix, wireLists[kind], i)
}

type reference struct {
	field string
	id    uuid.UUID
}

// requiredRefs lists the references of rec that a bundle must set.
func requiredRefs(rec any) []reference {
	switch r := rec.(type) {
	case model.Story:
		return []reference{{"objective_id", r.ObjectiveID}}
	case model.Outcome:
		return []reference{{"objective_id", r.ObjectiveID}}
	case model.Assessment:
		return []reference{{"objective_id", r.ObjectiveID}, {"member_id", r.MemberID}}
	}
	return nil
}
