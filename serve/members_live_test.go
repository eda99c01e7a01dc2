package serve

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	gossh "golang.org/x/crypto/ssh"
)

// changeMember saves handle's member record after change, as the Plan
// screen does, and tells the sessions through the hub; it returns when.
func changeMember(t *testing.T, st *store.Store, ts *testServer, handle string, change func(*model.Member)) time.Time {
	t.Helper()
	var start time.Time
	editMember(t, st, handle, func(m *model.Member) { change(m); start = time.Now() })
	ts.publishSave()
	return start
}

func TestServer_Members_RevocationEndsOpenSessions(t *testing.T) {
	tests := []struct {
		name   string
		change func(*model.Member)
		told   string
	}{
		{"deactivated", func(m *model.Member) { m.Active = false }, "align: session ended: @jonas was deactivated"},
		{"removed", func(m *model.Member) { m.Deleted = true }, "align: session ended: @jonas was removed from the workspace"},
		{"key removed", func(m *model.Member) { m.Keys = nil }, "align: session ended: this SSH key is no longer registered for @jonas"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, ts, fac, jonas, zed := liveTeam(t)
			second := openTerminal(t, ts.login(t, testKey(t, 2)), nil) // jonas's second session
			second.waitFor("(jonas)")
			start := changeMember(t, st, ts, "jonas", tt.change)
			for _, term := range []*terminal{jonas, second} {
				if code := term.wait(); code != 0 {
					t.Errorf("exit status %d", code)
				}
				t.Logf("jonas's session ended %s after the change", time.Since(start).Round(time.Millisecond))
				if got := term.stderr.String(); !strings.Contains(got, tt.told) {
					t.Errorf("jonas was told %q, want %q", got, tt.told)
				}
				// The alternate screen was left before the reason was shown.
				if raw := term.raw(); !strings.Contains(raw, "\x1b[?1049l") {
					t.Errorf("jonas's terminal was left in the alternate screen")
				}
			}
			ts.waitLog(t, `member=jonas`, `end="`+strings.TrimPrefix(tt.told, "align: ")+`"`)
			// Nobody else was touched, and jonas cannot come back.
			mark := zed.mark()
			zed.press("\x1b[Z") // shift+tab: digits type the progress on Assess
			zed.waitSince(mark, "Submissions:")
			if _, err := ts.dial("jonas", publicKeys(t, 2)); err == nil {
				t.Errorf("jonas logged in again after the change")
			}
			quitAll(t, fac, zed)
		})
	}
}

func TestServer_Members_RoleChangeAppliesToOpenSession(t *testing.T) {
	st, ts, fac, jonas, zed := liveTeam(t)
	fac.press("\t") // tab: digits type the progress on Assess
	fac.waitFor("Before the agenda")
	fac.press("\r")
	fac.waitFor("Press space to reveal")
	// priya is demoted while her review is open; jonas is promoted.
	changeMember(t, st, ts, "priya", func(m *model.Member) { m.Facilitator = false })
	fac.waitFor("you are no longer a facilitator")
	mark := fac.mark()
	fac.press(" ")
	fac.waitSince(mark, "only the facilitator can reveal")
	for _, o := range reviewSprint(t, st).Outcomes {
		if o.Revealed {
			t.Errorf("a demoted facilitator's space revealed an objective")
		}
	}
	// Promoted, jonas may reveal from his open session at once.
	mark = jonas.mark()
	changeMember(t, st, ts, "jonas", func(m *model.Member) { m.Facilitator = true })
	jonas.waitSince(mark, "you are now a facilitator")
	jonas.press("\t") // to the Review, which a facilitator steers himself
	jonas.waitSince(mark, "Press space to reveal")
	jonas.press(" ")
	revealed := false
	for deadline := time.Now().Add(5 * time.Second); !revealed && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for _, o := range reviewSprint(t, st).Outcomes {
			revealed = revealed || o.Revealed
		}
	}
	if !revealed {
		t.Errorf("a promoted facilitator's space revealed nothing")
	}
	quitAll(t, fac, jonas, zed)
}

// publicKeys is the auth method of testKey(t, seed).
func publicKeys(t *testing.T, seed byte) gossh.AuthMethod {
	t.Helper()
	return gossh.PublicKeys(testKey(t, seed))
}
