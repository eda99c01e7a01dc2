package export

// A team's summary file (teams/<team>.json in the shared repository): the
// aggregates of every sprint, for align rollup. Nothing in it names a
// member: see model.Summarize.

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// SummaryFormat and SummaryVersion identify a team's summary file.
const (
	SummaryFormat  = "align-team-summary"
	SummaryVersion = 1
)

// MaxSummarySize is the largest summary DecodeSummary reads, in bytes:
// far above ten years of sprints with twenty objectives each.
const MaxSummarySize = 16 << 20

// summaryFileKind is how DecodeSummary reads a team's summary.
var summaryFileKind = strictFile{what: "summary", kind: "a team's summary", max: MaxSummarySize,
	format: SummaryFormat, version: SummaryVersion, empty: "a team writes it with align export --format summary"}

type wireSummary struct {
	Format     string `json:"format"`
	Version    int    `json:"version"`
	Team       string `json:"team"`
	Org        string `json:"organisation"`
	ExportedAt string `json:"exported_at"`
	Count      int    `json:"sprint_count"`
	// Sprints are newest first, so that a roll-up reads the latest few
	// and stops (DecodeSummaryRecent).
	Sprints []wireSprintSummary `json:"sprints"`
}

type wireSprintSummary struct {
	Name          string                 `json:"name"`
	Start         string                 `json:"start"`
	End           string                 `json:"end"`
	State         string                 `json:"state"`
	Sealed        bool                   `json:"sealed"`
	Members       int                    `json:"members"`
	Answered      int                    `json:"answered"`
	Participation int                    `json:"participation"`
	Score         *float64               `json:"score"`
	Objectives    []wireObjectiveSummary `json:"objectives"`
}

type wireObjectiveSummary struct {
	Title        string   `json:"title"`
	GoalID       *string  `json:"goal_id"`
	Goal         string   `json:"goal"`
	Stretch      bool     `json:"stretch"`
	Responses    int      `json:"responses"`
	Abstained    int      `json:"abstained"`
	Median       *float64 `json:"median"`
	Spread       *int     `json:"spread"`
	Level        string   `json:"level"`
	Agreed       *int     `json:"agreed"`
	Baseline     *int     `json:"baseline"`
	Discussed    bool     `json:"discussed"`
	Stories      int      `json:"stories"`
	StoriesDone  int      `json:"stories_done"`
	Points       int      `json:"points"`
	PointsDone   int      `json:"points_done"`
	DonePercent  *int     `json:"done_percent"`
	EvidenceFlag bool     `json:"evidence_flag"`
}

// WriteSummary writes s as indented JSON, the newest sprint first, so
// that a new sprint is a small diff at the top and a roll-up reads only
// the first few sprints of each file.
func WriteSummary(w io.Writer, s model.TeamSummary) error {
	ws := wireSummary{Format: SummaryFormat, Version: SummaryVersion, Team: s.Team, Org: s.Org,
		ExportedAt: fmtTime(s.ExportedAt), Count: len(s.Sprints), Sprints: []wireSprintSummary{}}
	for i := len(s.Sprints) - 1; i >= 0; i-- {
		ws.Sprints = append(ws.Sprints, toWireSprintSummary(s.Sprints[i]))
	}
	data, err := json.MarshalIndent(ws, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

func toWireSprintSummary(sp model.SprintSummary) wireSprintSummary {
	w := wireSprintSummary{Name: sp.Name, Start: sp.Start.UTC().Format(model.DateLayout), End: sp.End.UTC().Format(model.DateLayout),
		State: string(sp.State), Sealed: sp.Sealed, Members: sp.Members, Answered: sp.Answered, Participation: sp.Participation,
		Objectives: []wireObjectiveSummary{}}
	if sp.HasScore {
		v := sp.Score
		w.Score = &v
	}
	for _, o := range sp.Objectives {
		wo := wireObjectiveSummary{Title: o.Title, GoalID: optID(o.GoalID), Goal: o.Goal, Stretch: o.Stretch,
			Responses: o.Responses, Abstained: o.Abstained, Level: string(o.Level),
			Agreed: cloneInt(o.Agreed), Baseline: cloneInt(o.Baseline), Discussed: o.Discussed,
			Stories: o.Evidence.Stories, StoriesDone: o.Evidence.StoriesDone, Points: o.Evidence.Points,
			PointsDone: o.Evidence.PointsDone, EvidenceFlag: o.Evidence.Flag}
		if o.Level != model.LevelNone && !sp.Sealed {
			m, s := o.Median, o.Spread
			wo.Median, wo.Spread = &m, &s
		}
		if o.Evidence.HasEvidence {
			d := o.Evidence.DonePercent
			wo.DonePercent = &d
		}
		w.Objectives = append(w.Objectives, wo)
	}
	return w
}

// DecodeSummary reads a team's summary: at most MaxSummarySize bytes of
// JSON with exactly the documented fields, of this format and version.
func DecodeSummary(r io.Reader) (model.TeamSummary, error) {
	var w wireSummary
	if err := summaryFileKind.decode(r, &w); err != nil {
		return model.TeamSummary{}, err
	}
	return fromWireSummary(w)
}

func fromWireSummary(w wireSummary) (model.TeamSummary, error) {
	var p parser
	s := model.TeamSummary{Team: model.Sanitize(w.Team, false), Org: model.Sanitize(w.Org, false),
		ExportedAt: p.time("", "header", "", "exported_at", w.ExportedAt)}
	if strings.TrimSpace(s.Team) == "" {
		return s, fmt.Errorf("summary: the team's name is empty; set it with align init --team NAME and export again")
	}
	s.Total = w.Count
	if w.Count < len(w.Sprints) {
		return s, fmt.Errorf("summary: sprint_count %d is less than the %d sprints listed", w.Count, len(w.Sprints))
	}
	for i := len(w.Sprints) - 1; i >= 0; i-- {
		s.Sprints = append(s.Sprints, p.sprintSummary(fmt.Sprintf("sprints[%d]", i), w.Sprints[i]))
	}
	if p.err != nil {
		return model.TeamSummary{}, fmt.Errorf("summary: %s", strings.TrimPrefix(p.err.Error(), "bundle: "))
	}
	return s, nil
}

func (p *parser) sprintSummary(path string, ws wireSprintSummary) model.SprintSummary {
	sp := model.SprintSummary{Name: model.Sanitize(ws.Name, false), State: model.SprintState(ws.State), Sealed: ws.Sealed,
		Start: p.date(path, "sprint", ws.Name, "start", ws.Start), End: p.date(path, "sprint", ws.Name, "end", ws.End),
		Members: ws.Members, Answered: ws.Answered, Participation: ws.Participation}
	if ws.Score != nil {
		sp.Score, sp.HasScore = *ws.Score, true
	}
	if strings.TrimSpace(sp.Name) == "" {
		p.fail(path, "sprint", ws.Name, "name", "must not be empty")
	}
	if err := checkSprintSummary(sp, ws); err != nil {
		p.fail(path, "sprint", ws.Name, err.field, "%s", err.msg)
	}
	for j, o := range ws.Objectives {
		sp.Objectives = append(sp.Objectives, p.objectiveSummary(fmt.Sprintf("%s.objectives[%d]", path, j), o))
	}
	return sp
}

type fieldProblem struct{ field, msg string }

func checkSprintSummary(sp model.SprintSummary, ws wireSprintSummary) *fieldProblem {
	switch {
	case !contains(model.SprintStates, sp.State):
		return &fieldProblem{"state", fmt.Sprintf("%q is not a state", ws.State)}
	case sp.Participation < 0 || sp.Participation > 100:
		return &fieldProblem{"participation", fmt.Sprintf("%d is outside 0–100", sp.Participation)}
	case sp.Members < 0 || sp.Answered < 0 || sp.Answered > sp.Members:
		return &fieldProblem{"answered", fmt.Sprintf("%d of %d members is not a count", sp.Answered, sp.Members)}
	case sp.HasScore && (sp.Score < 0 || sp.Score > 100):
		return &fieldProblem{"score", fmt.Sprintf("%v is outside 0–100", sp.Score)}
	}
	return nil
}

func (p *parser) objectiveSummary(path string, o wireObjectiveSummary) model.ObjectiveSummary {
	out := model.ObjectiveSummary{Title: model.Sanitize(o.Title, false), Goal: model.Sanitize(o.Goal, false), Stretch: o.Stretch,
		Responses: o.Responses, Abstained: o.Abstained, Level: model.Level(o.Level), Agreed: cloneInt(o.Agreed),
		Baseline: cloneInt(o.Baseline), Discussed: o.Discussed,
		Evidence: model.SummaryEvidence{Stories: o.Stories, StoriesDone: o.StoriesDone, Points: o.Points,
			PointsDone: o.PointsDone, Flag: o.EvidenceFlag}}
	out.GoalID = p.optID(path, "objective", o.Title, "goal_id", o.GoalID)
	if out.GoalID == uuid.Nil {
		out.Goal = ""
	}
	if o.Median != nil && o.Spread != nil {
		out.Median, out.Spread = *o.Median, *o.Spread
	}
	if o.DonePercent != nil {
		out.Evidence.DonePercent, out.Evidence.HasEvidence = *o.DonePercent, true
	}
	pct := func(field string, v *int) {
		if v != nil && (*v < 0 || *v > 100) {
			p.fail(path, "objective", o.Title, field, "%d is outside 0–100", *v)
		}
	}
	pct("agreed", o.Agreed)
	pct("baseline", o.Baseline)
	pct("done_percent", o.DonePercent)
	if strings.TrimSpace(out.Title) == "" {
		p.fail(path, "objective", o.Title, "title", "must not be empty")
	}
	switch out.Level {
	case model.LevelNone, model.LevelAligned, model.LevelDivergent, model.LevelSplit:
	default:
		p.fail(path, "objective", o.Title, "level", "%q is not a level; use aligned, divergent, split or n/a", o.Level)
	}
	if o.Spread != nil && (*o.Spread < 0 || *o.Spread > 100) || o.Median != nil && (*o.Median < 0 || *o.Median > 100) {
		p.fail(path, "objective", o.Title, "spread", "median and spread must be within 0–100")
	}
	if o.Responses < 0 || o.Abstained < 0 || o.Stories < 0 || o.StoriesDone > o.Stories || o.Points < 0 || o.PointsDone > o.Points {
		p.fail(path, "objective", o.Title, "stories", "counts must be whole numbers of 0 or more, done no more than all")
	}
	return out
}
