package export

import (
	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// ownerDue is an action item's owner and, when it has one, its due date:
// "owner: ana; due 2025-03-14" or "unowned".
func (md *summaryWriter) ownerDue(a model.ActionItem) string {
	s := "unowned"
	if a.OwnerID != uuid.Nil {
		s = "owner: " + inline(md.handle(a.OwnerID))
	}
	if !a.Due.IsZero() {
		s += "; due " + a.Due.UTC().Format(model.DateLayout)
	}
	return s
}

// earlierActions lists the action items of earlier sprints that are still
// open, oldest sprint first, each with the sprint it comes from; nothing
// when there are none.
func (md *summaryWriter) earlierActions() {
	if len(md.s.Earlier) == 0 {
		return
	}
	md.printf("## Open actions from earlier sprints\n\n")
	for _, e := range md.s.Earlier {
		md.printf("- [ ] %s (%s; from %s)\n", inline(e.Item.Text), md.ownerDue(e.Item), inline(e.From.Name))
	}
	md.printf("\n")
}
