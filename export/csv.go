package export

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// csvHeader is the first row of the assessments CSV.
var csvHeader = []string{"sprint", "objective", "member", "round", "progress", "confidence", "abstain", "note", "updated"}

// CSV writes one row per live assessment of the live sprints, for
// spreadsheets: sprints by start date, objectives in plan order, round 1
// then round 2, members by handle. The round column is 1 for the sealed
// first round, 2 for second-round estimates, which are written as the
// bundle's sealing rules allow (Round2Visible): once the objective's second
// round is revealed or its sprint closed, else only the exporter's own —
// all of them when the exporter (nil: unknown) is a facilitator.
// Abstentions leave progress and confidence empty so that they do not count
// in a spreadsheet's averages. Assessments of deleted objectives are left
// out. Text cells that a spreadsheet would read as a formula are prefixed
// with an apostrophe.
func CSV(w io.Writer, sprints []model.SprintData, members []model.Member, exporter *model.Member) error {
	handles := make(map[uuid.UUID]string, len(members))
	for _, m := range members {
		handles[m.ID] = m.Handle
	}
	handle := func(id uuid.UUID) string {
		if h, ok := handles[id]; ok {
			return h
		}
		return id.String()
	}

	live := make([]model.SprintData, 0, len(sprints))
	for _, sd := range sprints {
		if !sd.Sprint.Deleted {
			live = append(live, sd)
		}
	}
	slices.SortStableFunc(live, func(a, b model.SprintData) int {
		return cmp.Or(a.Sprint.Start.Compare(b.Sprint.Start), lessID(a.Sprint.ID, b.Sprint.ID))
	})

	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, sd := range live {
		for _, o := range planOrder(sd.Objectives) {
			for round, as := range [][]model.Assessment{sd.Assessments, sd.Round2} {
				var rows []model.Assessment
				for _, a := range as {
					if !a.Deleted && a.ObjectiveID == o.ID && (round == 0 || Round2Visible(sd, a, exporter)) {
						rows = append(rows, a)
					}
				}
				slices.SortStableFunc(rows, func(a, b model.Assessment) int {
					return cmp.Or(cmp.Compare(handle(a.MemberID), handle(b.MemberID)), lessID(a.ID, b.ID))
				})
				for _, a := range rows {
					if err := cw.Write(csvRow(sd.Sprint.Name, o.Title, handle(a.MemberID), round+1, a)); err != nil {
						return err
					}
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvRow is one estimate's row.
func csvRow(sprint, objective, member string, round int, a model.Assessment) []string {
	progress, confidence := strconv.Itoa(a.Progress), strconv.Itoa(a.Confidence)
	if a.Abstain {
		progress, confidence = "", ""
	}
	return []string{
		csvText(sprint), csvText(objective), csvText(member), strconv.Itoa(round),
		progress, confidence, strconv.FormatBool(a.Abstain), csvText(a.Note),
		a.UpdatedAt.UTC().Format(time.RFC3339),
	}
}

// Round2Visible reports whether second-round estimate a of sprint sd may
// be written for exporter (nil: not known): once its objective's second
// round is revealed or the sprint is closed, as in a bundle; before, only
// the exporter's own, or every one when the exporter is a facilitator, who
// runs the round.
func Round2Visible(sd model.SprintData, a model.Assessment, exporter *model.Member) bool {
	if exporter == nil {
		return model.Round2Travels(sd, a, uuid.Nil)
	}
	return exporter.Facilitator || model.Round2Travels(sd, a, exporter.ID)
}

// csvText defuses CSV formula injection: a cell starting with a character
// that makes spreadsheets evaluate it gets a leading apostrophe.
func csvText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// planOrder returns the live objectives ordered as planned: by Order, then
// creation time, then ID.
func planOrder(objs []model.Objective) []model.Objective {
	var out []model.Objective
	for _, o := range objs {
		if !o.Deleted {
			out = append(out, o)
		}
	}
	slices.SortStableFunc(out, func(a, b model.Objective) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), a.CreatedAt.Compare(b.CreatedAt), lessID(a.ID, b.ID))
	})
	return out
}
