package store

import (
	"testing"

	"github.com/align-team/align/model"
)

// BenchmarkSaveAssessment compares one estimate's save on the plain store
// with the same save through a store acting for the member (As), which
// checks the member's standing and the rule in the transaction.
func BenchmarkSaveAssessment(b *testing.B) {
	for _, tc := range []struct {
		name  string
		acted bool
	}{{"direct", false}, {"as-member", true}} {
		b.Run(tc.name, func(b *testing.B) {
			s := newTestStore(b)
			f := seed(b, s)
			w := s
			if tc.acted {
				w = s.As(f.bob.ID)
			}
			a := model.Assessment{ObjectiveID: f.obj.ID, MemberID: f.bob.ID, Progress: 40, Confidence: 3}
			for i := 0; b.Loop(); i++ {
				a.Progress = i % 100
				if _, err := w.SaveAssessment(a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
