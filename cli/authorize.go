package cli

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
)

// authorize refuses a change that the acting member (--as or
// $ALIGN_MEMBER) may not make, by the same rule an import applies to a
// bundle's author (model.CheckAuthority): local holds the records as they
// are, write the records as the command would write them. With no acting
// member there is nothing to check: the shell's user owns the file.
func (a *app) authorize(st *store.Store, local, write model.Dataset) error {
	if given, _ := a.actingGiven(); strings.TrimSpace(given) == "" {
		return nil
	}
	ms, err := st.Members()
	if err != nil {
		return err
	}
	local.Members = ms
	return a.authorizeIn(local, write)
}

// authorizeIn is authorize over local as read already, its members
// included: the check a store operation runs inside its own transaction.
// The acting member is found among local.Members by the same rule as
// actingMember.
func (a *app) authorizeIn(local, write model.Dataset) error {
	given, source := a.actingGiven()
	if strings.TrimSpace(given) == "" {
		return nil
	}
	me, err := actingAmong(given, source, local.Members)
	if err != nil {
		return err
	}
	return checkAuthorityOf(me, local, write)
}

// checkAuthorityOf words the first change me may not make, if any.
func checkAuthorityOf(me model.Member, local, write model.Dataset) error {
	rs := model.CheckAuthority(local, write, model.Author{ID: me.ID})
	if len(rs) == 0 {
		return nil
	}
	return fmt.Errorf("%s: a member changes only their own estimates and name and ticks off the action items they own; a facilitator changes the rest (see `align member role`)", rs[0].Msg)
}

// sprintChange is the dataset of one sprint with recs put in it, for
// authorize.
func sprintChange(sp model.Sprint, fill func(*model.SprintData)) model.Dataset {
	sd := model.SprintData{Sprint: sp}
	if fill != nil {
		fill(&sd)
	}
	return model.Dataset{Sprints: []model.SprintData{sd}}
}
