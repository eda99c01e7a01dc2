package cli

import (
	"fmt"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
)

// clearAssessment withdraws m's estimate of o in sprint d, so that the
// objective counts as not answered again. Withdrawing an estimate that is
// not there says so and changes nothing.
func (a *app) clearAssessment(st *store.Store, d model.SprintData, o model.Objective, m model.Member, round2 bool) error {
	list := d.Assessments
	if round2 {
		list = d.Round2
	}
	for _, as := range list {
		if as.ObjectiveID != o.ID || as.MemberID != m.ID || as.Deleted {
			continue
		}
		as.Deleted = true
		if _, err := st.SaveAssessment(as); err != nil {
			return writeError(err)
		}
		fmt.Fprintf(a.out(), "Withdrew %s's estimate for %q: it is not answered now.\n", m.Handle, o.Title)
		return nil
	}
	return fmt.Errorf("%s has no estimate for %q to withdraw", m.Handle, o.Title)
}
