package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// round2Dataset is the fixture with second rounds in Sprint 14 (review):
// on "Onboarding flow live" revealed (bob 20 → 45 with a note, carol
// abstains), on "Billing migration | phase 1" open and not revealed (bob
// 85 → 70, carol 80 → 75).
func round2Dataset() model.Dataset {
	d := fixtureDataset()
	sd := &d.Sprints[1]
	sd.Outcomes[0].Round2Open, sd.Outcomes[0].Round2Revealed = true, true
	sd.Outcomes[1].Round2Open = true
	r2 := func(n int, obj, member uuid.UUID, progress, conf int, note string, abstain bool) model.Assessment {
		return model.Assessment{Meta: meta(n, 400+n%16, 0), SprintID: s14, ObjectiveID: obj, MemberID: member,
			Progress: progress, Confidence: conf, Note: note, Abstain: abstain, Round2: true}
	}
	sd.Round2 = []model.Assessment{
		r2(0x251, o1, mBob, 45, 4, "=after the demo", false),
		r2(0x252, o1, mCarol, 0, 0, "", true),
		r2(0x253, o2, mBob, 70, 4, "", false),
		r2(0x254, o2, mCarol, 75, 3, "", false),
	}
	return d
}

func TestCSV_Round2Golden(t *testing.T) {
	d := round2Dataset()
	var buf bytes.Buffer
	if err := CSV(&buf, d.Sprints, d.Members, nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "assessments_round2.csv", buf.Bytes())
}

func TestCSV_Round2Visible(t *testing.T) {
	// Rows with round 2, by exporter: the revealed round's two always;
	// of the unrevealed one, the exporter's own (bob: 1) or, for a
	// facilitator (alice), both; once the sprint is closed, all four.
	d := round2Dataset()
	ms := d.Members
	alice, bob := ms[0], ms[1]
	tests := []struct {
		name     string
		exporter *model.Member
		closed   bool
		want     []string // objective,member of the round-2 rows
	}{
		{"unknown exporter", nil, false, []string{"Onboarding flow live,bob", "Onboarding flow live,carol"}},
		{"bob", &bob, false, []string{"Onboarding flow live,bob", "Onboarding flow live,carol", "Billing migration | phase 1,bob"}},
		{"facilitator", &alice, false, []string{"Onboarding flow live,bob", "Onboarding flow live,carol", "Billing migration | phase 1,bob", "Billing migration | phase 1,carol"}},
		{"closed sprint", nil, true, []string{"Onboarding flow live,bob", "Onboarding flow live,carol", "Billing migration | phase 1,bob", "Billing migration | phase 1,carol"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sprints := round2Dataset().Sprints
			if tt.closed {
				sprints[1].Sprint.State = model.StateClosed
			}
			var buf bytes.Buffer
			if err := CSV(&buf, sprints, ms, tt.exporter); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, line := range strings.Split(buf.String(), "\n") {
				f := strings.Split(line, ",")
				if len(f) > 3 && f[3] == "2" {
					got = append(got, f[1]+","+f[2])
				}
			}
			if strings.Join(got, ";") != strings.Join(tt.want, ";") {
				t.Errorf("round-2 rows %q, want %q", got, tt.want)
			}
		})
	}
}
