package store

import (
	"slices"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// SprintsBefore returns the live records of at most n live sprints started
// before sprint this (by start date), nearest first: what the usual offsets
// of model.PastOffsets rest on. Its cost grows with n, not with history
// (beyond the sprint index, which it orders without decoding a header). An
// unknown sprint has none before it.
func (s *Store) SprintsBefore(this uuid.UUID, n int) ([]model.SprintData, error) {
	ids, err := s.liveSprintOrder()
	if err != nil {
		return nil, err
	}
	idx := slices.Index(ids, this)
	var past []model.SprintData
	for i := idx - 1; i >= 0 && i >= idx-n; i-- {
		d, err := s.SprintData(ids[i])
		if err != nil {
			return nil, err
		}
		past = append(past, d)
	}
	return past, nil
}
