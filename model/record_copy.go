package model

// Copying a whole Dataset, placing its records under their sprints, and
// indexing one kind's records by ID.

import "github.com/google/uuid"

// CopyDataset returns a deep copy of d (CopyRecord for every record) that
// keeps the order of every list, nil lists staying nil.
func CopyDataset(d Dataset) Dataset {
	out := Dataset{Goals: copyEach(d.Goals), Members: copyEach(d.Members)}
	if d.Sprints != nil {
		out.Sprints = make([]SprintData, 0, len(d.Sprints))
	}
	for _, sd := range d.Sprints {
		out.Sprints = append(out.Sprints, SprintData{
			Sprint:      sd.Sprint,
			Objectives:  copyEach(sd.Objectives),
			Stories:     copyEach(sd.Stories),
			Assessments: copyEach(sd.Assessments),
			Round2:      copyEach(sd.Round2),
			Outcomes:    copyEach(sd.Outcomes),
			Actions:     copyEach(sd.Actions),
		})
	}
	return out
}

func copyEach[T any](xs []T) []T {
	if xs == nil {
		return nil
	}
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = CopyRecord(x).(T)
	}
	return out
}

// PlaceUnderSprints sets the sprint of every record of d's sprints to the
// sprint it is listed under: the rule of a format (a bundle) whose records
// name their sprint only by where they are listed.
func PlaceUnderSprints(d *Dataset) {
	for i := range d.Sprints {
		sd := &d.Sprints[i]
		id := sd.Sprint.ID
		setSprint(sd.Objectives, id, func(r *Objective) *uuid.UUID { return &r.SprintID })
		setSprint(sd.Stories, id, func(r *Story) *uuid.UUID { return &r.SprintID })
		setSprint(sd.Assessments, id, func(r *Assessment) *uuid.UUID { return &r.SprintID })
		setSprint(sd.Round2, id, func(r *Assessment) *uuid.UUID { return &r.SprintID })
		setSprint(sd.Outcomes, id, func(r *Outcome) *uuid.UUID { return &r.SprintID })
		setSprint(sd.Actions, id, func(r *ActionItem) *uuid.UUID { return &r.SprintID })
	}
}

func setSprint[T any](xs []T, id uuid.UUID, field func(*T) *uuid.UUID) {
	for i := range xs {
		*field(&xs[i]) = id
	}
}

// IndexByID maps records of one kind by ID; of two with one ID the later
// is kept.
func IndexByID[T any](recs []T) map[uuid.UUID]T {
	out := make(map[uuid.UUID]T, len(recs))
	for _, r := range recs {
		out[MetaOf(r).ID] = r
	}
	return out
}
