package model

import (
	"strings"
	"testing"
)

func TestCheckSeal_Round2Kept(t *testing.T) {
	f, _ := sealedFixture(true)
	// local states of the outcome's second round, and the bundle's newer
	// version of it (sealed round 1 kept in both).
	type state struct{ open, revealed bool }
	for _, tc := range []struct {
		name        string
		local, bund state
		want        string
	}{
		{"open kept", state{true, false}, state{true, false}, ""},
		{"opened by the bundle", state{false, false}, state{true, false}, ""},
		{"revealed by the bundle", state{true, false}, state{true, true}, ""},
		{"open closed", state{true, false}, state{false, false},
			`the bundle would close the second round on "Faster search", open here (its outcome was written where that round was not open)`},
		{"revealed un-revealed", state{true, true}, state{true, false},
			`the bundle would un-reveal the second round on "Faster search", revealed here (its outcome was written where that round was not revealed)`},
		{"revealed reset to nothing", state{true, true}, state{false, false}, `un-reveal the second round on "Faster search"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, local := sealedFixture(true)
			local.Sprints[0].Outcomes[0].Round2Open = tc.local.open
			local.Sprints[0].Outcomes[0].Round2Revealed = tc.local.revealed
			in := local.Sprints[0].Outcomes[0]
			in.Meta, in.Notes = edited(in.Meta), "from an older copy"
			in.Round2Open, in.Round2Revealed = tc.bund.open, tc.bund.revealed
			write := Dataset{Sprints: []SprintData{{Sprint: f.sprint, Outcomes: []Outcome{in}}}}
			got := CheckSeal(local, write)
			if tc.want == "" {
				if len(got) != 0 {
					t.Fatalf("refused %v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Record != "outcome" || got[0].ID != f.obj.ID || !strings.Contains(got[0].Msg, tc.want) {
				t.Fatalf("refusals %+v, want one on the outcome containing %q", got, tc.want)
			}
		})
	}
}
