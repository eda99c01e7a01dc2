package store

// The on-disk encoding of every record. The types below are private and carry
// explicit JSON tags, so that the format on disk is a deliberate choice that
// model/ can evolve away from freely: a renamed model field changes only the
// conversion functions here, never the files of existing users.
//
// Decoding copies everything out of the slice bbolt hands over, so decoded
// records stay valid after the transaction ends.

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// metaRec is the common part of every record.
type metaRec struct {
	ID        uuid.UUID `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Base is omitted when zero (never edited), so records written before
	// the field existed decode without a migration.
	Base    *time.Time `json:"base,omitempty"`
	Deleted bool       `json:"deleted,omitempty"`
}

type settingsRec struct {
	AlignedBelow    int    `json:"aligned_below"`
	SplitAt         int    `json:"split_at"`
	OutlierDistance int    `json:"outlier_distance"`
	EvidenceGap     int    `json:"evidence_gap"`
	AnonymousReveal bool   `json:"anonymous_reveal,omitempty"`
	RequireSigned   bool   `json:"require_signed_bundles,omitempty"`
	SigningKey      string `json:"signing_key,omitempty"`
	TimeboxMinutes  int    `json:"timebox_minutes,omitempty"`
	Org             string `json:"org,omitempty"`
	OrgKeys         string `json:"org_keys,omitempty"`
	RankByAdjusted  bool   `json:"rank_by_adjusted,omitempty"`
}

// workspaceRec is the value of meta/workspace.
type workspaceRec struct {
	Team       string      `json:"team"`
	ReplicaID  uuid.UUID   `json:"replica_id"`
	Settings   settingsRec `json:"settings"`
	LastMember *uuid.UUID  `json:"last_member,omitempty"`
}

type goalRec struct {
	metaRec
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Archived    bool   `json:"archived,omitempty"`
}

type memberRec struct {
	metaRec
	Name        string   `json:"name"`
	Handle      string   `json:"handle"`
	Active      bool     `json:"active"`
	Facilitator bool     `json:"facilitator,omitempty"`
	Keys        []string `json:"ssh_keys,omitempty"`
	NoEstimates bool     `json:"no_estimates,omitempty"`
}

type sprintRec struct {
	metaRec
	Name  string `json:"name"`
	Goal  string `json:"goal,omitempty"`
	Start string `json:"start"` // YYYY-MM-DD
	End   string `json:"end"`   // YYYY-MM-DD, inclusive
	State string `json:"state"`
}

type objectiveRec struct {
	metaRec
	SprintID    uuid.UUID  `json:"sprint_id"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	GoalID      *uuid.UUID `json:"goal_id,omitempty"`
	Order       int        `json:"order"`
	CarriedFrom *uuid.UUID `json:"carried_from,omitempty"`
	Baseline    *int       `json:"baseline,omitempty"`
	Stretch     bool       `json:"stretch,omitempty"`
}

type storyRec struct {
	metaRec
	SprintID    uuid.UUID `json:"sprint_id"`
	ObjectiveID uuid.UUID `json:"objective_id"`
	Title       string    `json:"title"`
	Points      int       `json:"points,omitempty"`
	Status      string    `json:"status"`
	Key         string    `json:"key,omitempty"`
	Order       int       `json:"order"`
}

type assessmentRec struct {
	metaRec
	SprintID    uuid.UUID `json:"sprint_id"`
	ObjectiveID uuid.UUID `json:"objective_id"`
	MemberID    uuid.UUID `json:"member_id"`
	Progress    int       `json:"progress"`
	Confidence  int       `json:"confidence"`
	Note        string    `json:"note,omitempty"`
	Abstain     bool      `json:"abstain,omitempty"`
	Submitted   bool      `json:"submitted,omitempty"`
	Late        bool      `json:"late,omitempty"`
	Round2      bool      `json:"round2,omitempty"`
}

type outcomeRec struct {
	metaRec
	SprintID    uuid.UUID `json:"sprint_id"`
	ObjectiveID uuid.UUID `json:"objective_id"`
	Agreed      *int      `json:"agreed,omitempty"`
	Notes       string    `json:"notes,omitempty"`
	Discussed   bool      `json:"discussed,omitempty"`
	Revealed    bool      `json:"revealed,omitempty"`
	Sealed      bool      `json:"sealed,omitempty"`
	Round2Open  bool      `json:"round2_open,omitempty"`
	Round2Shown bool      `json:"round2_revealed,omitempty"`
	Uncertain   bool      `json:"uncertain,omitempty"`
	Question    string    `json:"question,omitempty"`
	QOwner      uuid.UUID `json:"question_owner,omitempty"`
	Minutes     int       `json:"minutes,omitempty"`
}

type actionRec struct {
	metaRec
	SprintID    uuid.UUID  `json:"sprint_id"`
	ObjectiveID *uuid.UUID `json:"objective_id,omitempty"`
	Text        string     `json:"text"`
	OwnerID     *uuid.UUID `json:"owner_id,omitempty"`
	Done        bool       `json:"done,omitempty"`
	Due         *time.Time `json:"due,omitempty"`
}

func metaToRec(m model.Meta) metaRec {
	r := metaRec{ID: m.ID, CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC(), Deleted: m.Deleted}
	if !m.Base.IsZero() {
		base := m.Base.UTC()
		r.Base = &base
	}
	return r
}

func (r metaRec) model() model.Meta {
	m := model.Meta{ID: r.ID, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), Deleted: r.Deleted}
	if r.Base != nil {
		m.Base = r.Base.UTC()
	}
	return m
}

// optID encodes an optional reference: uuid.Nil is left out.
func optID(id uuid.UUID) *uuid.UUID {
	if id == uuid.Nil {
		return nil
	}
	return &id
}

func fromOptID(p *uuid.UUID) uuid.UUID {
	if p == nil {
		return uuid.Nil
	}
	return *p
}

// copyInt copies an optional number so that records never share memory.
// optTime writes a zero time as nil (left out).
func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// fromOptTime reads nil as the zero time.
func fromOptTime(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return p.UTC()
}

func copyInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func copyStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}

func decodeJSON(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("undecodable JSON: %w", err)
	}
	return nil
}

func encodeSettings(s model.Settings) settingsRec {
	return settingsRec{AlignedBelow: s.AlignedBelow, SplitAt: s.SplitAt, OutlierDistance: s.OutlierDistance,
		EvidenceGap: s.EvidenceGap, AnonymousReveal: s.AnonymousReveal,
		RequireSigned: s.RequireSignedBundles, SigningKey: s.SigningKey, TimeboxMinutes: s.TimeboxMinutes,
		Org: s.Org, OrgKeys: s.OrgKeys, RankByAdjusted: s.RankByAdjusted}
}

func (r settingsRec) model() model.Settings {
	return model.Settings{AlignedBelow: r.AlignedBelow, SplitAt: r.SplitAt, OutlierDistance: r.OutlierDistance,
		EvidenceGap: r.EvidenceGap, AnonymousReveal: r.AnonymousReveal,
		RequireSignedBundles: r.RequireSigned, SigningKey: r.SigningKey, TimeboxMinutes: r.TimeboxMinutes,
		Org: r.Org, OrgKeys: r.OrgKeys, RankByAdjusted: r.RankByAdjusted}
}

func encWorkspace(w Workspace) ([]byte, error) {
	return json.Marshal(workspaceRec{Team: w.Team, ReplicaID: w.ReplicaID,
		Settings: encodeSettings(w.Settings), LastMember: optID(w.LastMember)})
}

func decWorkspace(data []byte) (Workspace, error) {
	var r workspaceRec
	if err := decodeJSON(data, &r); err != nil {
		return Workspace{}, err
	}
	return Workspace{Team: r.Team, ReplicaID: r.ReplicaID, Settings: r.Settings.model(),
		LastMember: fromOptID(r.LastMember)}, nil
}

func encGoal(g model.Goal) ([]byte, error) {
	return json.Marshal(goalRec{metaRec: metaToRec(g.Meta), Title: g.Title, Description: g.Description, Archived: g.Archived})
}

func decGoal(data []byte) (model.Goal, error) {
	var r goalRec
	if err := decodeJSON(data, &r); err != nil {
		return model.Goal{}, err
	}
	return model.Goal{Meta: r.model(), Title: r.Title, Description: r.Description, Archived: r.Archived}, nil
}

func encMember(m model.Member) ([]byte, error) {
	return json.Marshal(memberRec{metaRec: metaToRec(m.Meta), Name: m.Name, Handle: m.Handle,
		Active: m.Active, Facilitator: m.Facilitator, Keys: copyStrings(m.Keys), NoEstimates: m.NoEstimates})
}

func decMember(data []byte) (model.Member, error) {
	var r memberRec
	if err := decodeJSON(data, &r); err != nil {
		return model.Member{}, err
	}
	return model.Member{Meta: r.model(), Name: r.Name, Handle: r.Handle, Active: r.Active,
		Facilitator: r.Facilitator, Keys: r.Keys, NoEstimates: r.NoEstimates}, nil
}

func encSprint(s model.Sprint) ([]byte, error) {
	return json.Marshal(sprintRec{metaRec: metaToRec(s.Meta), Name: s.Name, Goal: s.Goal,
		Start: s.Start.Format(model.DateLayout), End: s.End.Format(model.DateLayout), State: string(s.State)})
}

func decSprint(data []byte) (model.Sprint, error) {
	var r sprintRec
	if err := decodeJSON(data, &r); err != nil {
		return model.Sprint{}, err
	}
	start, err := time.Parse(model.DateLayout, r.Start)
	if err != nil {
		return model.Sprint{}, fmt.Errorf("start date %q is not YYYY-MM-DD", r.Start)
	}
	end, err := time.Parse(model.DateLayout, r.End)
	if err != nil {
		return model.Sprint{}, fmt.Errorf("end date %q is not YYYY-MM-DD", r.End)
	}
	return model.Sprint{Meta: r.model(), Name: r.Name, Goal: r.Goal, Start: start, End: end,
		State: model.SprintState(r.State)}, nil
}

func encObjective(o model.Objective) ([]byte, error) {
	return json.Marshal(objectiveRec{metaRec: metaToRec(o.Meta), SprintID: o.SprintID, Title: o.Title,
		Description: o.Description, GoalID: optID(o.GoalID), Order: o.Order,
		CarriedFrom: optID(o.CarriedFrom), Baseline: copyInt(o.Baseline), Stretch: o.Stretch})
}

func decObjective(data []byte) (model.Objective, error) {
	var r objectiveRec
	if err := decodeJSON(data, &r); err != nil {
		return model.Objective{}, err
	}
	return model.Objective{Meta: r.model(), SprintID: r.SprintID, Title: r.Title, Description: r.Description,
		GoalID: fromOptID(r.GoalID), Order: r.Order, CarriedFrom: fromOptID(r.CarriedFrom), Baseline: r.Baseline, Stretch: r.Stretch}, nil
}

func encStory(s model.Story) ([]byte, error) {
	return json.Marshal(storyRec{metaRec: metaToRec(s.Meta), SprintID: s.SprintID, ObjectiveID: s.ObjectiveID,
		Title: s.Title, Points: s.Points, Status: string(s.Status), Key: s.Key, Order: s.Order})
}

func decStory(data []byte) (model.Story, error) {
	var r storyRec
	if err := decodeJSON(data, &r); err != nil {
		return model.Story{}, err
	}
	return model.Story{Meta: r.model(), SprintID: r.SprintID, ObjectiveID: r.ObjectiveID, Title: r.Title,
		Points: r.Points, Status: model.StoryStatus(r.Status), Key: r.Key, Order: r.Order}, nil
}

func encAssessment(a model.Assessment) ([]byte, error) {
	return json.Marshal(assessmentRec{metaRec: metaToRec(a.Meta), SprintID: a.SprintID, ObjectiveID: a.ObjectiveID,
		MemberID: a.MemberID, Progress: a.Progress, Confidence: a.Confidence, Note: a.Note,
		Abstain: a.Abstain, Submitted: a.Submitted, Late: a.Late, Round2: a.Round2})
}

func decAssessment(data []byte) (model.Assessment, error) {
	var r assessmentRec
	if err := decodeJSON(data, &r); err != nil {
		return model.Assessment{}, err
	}
	return model.Assessment{Meta: r.model(), SprintID: r.SprintID, ObjectiveID: r.ObjectiveID, MemberID: r.MemberID,
		Progress: r.Progress, Confidence: r.Confidence, Note: r.Note, Abstain: r.Abstain,
		Submitted: r.Submitted, Late: r.Late, Round2: r.Round2}, nil
}

func encOutcome(o model.Outcome) ([]byte, error) {
	return json.Marshal(outcomeRec{metaRec: metaToRec(o.Meta), SprintID: o.SprintID, ObjectiveID: o.ObjectiveID,
		Agreed: copyInt(o.Agreed), Notes: o.Notes, Discussed: o.Discussed, Revealed: o.Revealed, Sealed: o.Sealed, Round2Open: o.Round2Open, Round2Shown: o.Round2Revealed, Minutes: o.Minutes,
		Uncertain: o.Uncertain, Question: o.Question, QOwner: o.QuestionOwner})
}

func decOutcome(data []byte) (model.Outcome, error) {
	var r outcomeRec
	if err := decodeJSON(data, &r); err != nil {
		return model.Outcome{}, err
	}
	return model.Outcome{Meta: r.model(), SprintID: r.SprintID, ObjectiveID: r.ObjectiveID, Agreed: r.Agreed,
		Notes: r.Notes, Discussed: r.Discussed, Revealed: r.Revealed, Sealed: r.Sealed, Round2Open: r.Round2Open, Round2Revealed: r.Round2Shown, Minutes: r.Minutes,
		Uncertain: r.Uncertain, Question: r.Question, QuestionOwner: r.QOwner}, nil
}

func encAction(a model.ActionItem) ([]byte, error) {
	return json.Marshal(actionRec{metaRec: metaToRec(a.Meta), SprintID: a.SprintID, ObjectiveID: optID(a.ObjectiveID),
		Text: a.Text, OwnerID: optID(a.OwnerID), Done: a.Done, Due: optTime(a.Due)})
}

func decAction(data []byte) (model.ActionItem, error) {
	var r actionRec
	if err := decodeJSON(data, &r); err != nil {
		return model.ActionItem{}, err
	}
	return model.ActionItem{Meta: r.model(), SprintID: r.SprintID, ObjectiveID: fromOptID(r.ObjectiveID),
		Text: r.Text, OwnerID: fromOptID(r.OwnerID), Done: r.Done, Due: fromOptTime(r.Due)}, nil
}
