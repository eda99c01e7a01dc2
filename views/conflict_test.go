package views

import (
	"strings"
	"testing"
)

func TestPlan_Update_SaveOfRecordDeletedElsewhere(t *testing.T) {
	a, st := openPlan(t)
	a = planPress(t, a, "]", "]", "e") // edit amara, the first member
	if !a.planScreen.FormOpen() {
		t.Fatal("no form opened")
	}
	// Meanwhile another session deletes amara.
	m := memberID(t, st, "amara")
	m.Deleted = true
	if _, err := st.SaveMember(m); err != nil {
		t.Fatal(err)
	}
	a = planPress(t, a, "enter")
	view := plain(a)
	contains(t, view, `member "Amara Okafor" was deleted in another session`)
	if strings.Contains(view, m.ID.String()[:8]) {
		t.Errorf("the footer shows a raw id:\n%s", view)
	}
	ms, err := st.Members()
	if err != nil {
		t.Fatal(err)
	}
	for _, after := range ms {
		if after.ID == m.ID && !after.Deleted {
			t.Errorf("the save brought the deleted member back")
		}
	}
}
