package serve

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/uuid"
	gossh "golang.org/x/crypto/ssh"
)

// liveBound is how fast a change should reach another member's screen. It
// is reported, not asserted: a timed assertion fails on a loaded machine
// (under -race, 20 sessions on two cores) without anything being wrong; the
// figures in the log are what the README quotes.
const liveBound = time.Second

// setRole makes handle a facilitator or not.
func setRole(t *testing.T, st *store.Store, handle string, facilitator bool) {
	t.Helper()
	editMember(t, st, handle, func(m *model.Member) { m.Facilitator = facilitator })
}

// editMember saves the live member handle after change.
func editMember(t *testing.T, st *store.Store, handle string, change func(*model.Member)) {
	t.Helper()
	ms, err := st.Members()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Handle == handle && !m.Deleted {
			change(&m)
			if _, err := st.SaveMember(m); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no member %q", handle)
}

// answered counts the live answers (estimates and abstentions) on objective
// id and the active members expected to answer.
func answered(t *testing.T, st *store.Store, id uuid.UUID) (n, of int) {
	t.Helper()
	sprint := reviewSprint(t, st)
	for _, a := range sprint.Assessments {
		if a.ObjectiveID == id && !a.Deleted {
			n++
		}
	}
	ms, err := st.Members()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Active && !m.Deleted {
			of++
		}
	}
	return n, of
}

// within waits until term drew want after mark (waitSince fails the test
// when it never does) and returns how long that took from start, logging
// when it took longer than bound.
func (term *terminal) within(mark int, want string, start time.Time, bound time.Duration) time.Duration {
	term.t.Helper()
	term.waitSince(mark, want)
	took := time.Since(start)
	if took > bound {
		term.t.Logf("note: %q took %s to show, more than %s (a loaded machine?)", want, took, bound)
	}
	return took
}

// liveTeam starts a server with priya (facilitator), jonas and zed (members)
// connected, each on the screen they start on.
func liveTeam(t *testing.T) (st *store.Store, ts *testServer, fac, jonas, zed *terminal) {
	t.Helper()
	st = newTestStore(t)
	keys := []gossh.Signer{testKey(t, 1), testKey(t, 2), testKey(t, 3)}
	register(t, st, "priya", keys[0].PublicKey())
	register(t, st, "jonas", keys[1].PublicKey())
	register(t, st, "zed", keys[2].PublicKey())
	setRole(t, st, "priya", true)
	setRole(t, st, "jonas", false)
	ts = startServer(t, st, Config{})
	fac = openTerminal(t, ts.login(t, keys[0]), nil)
	jonas = openTerminal(t, ts.login(t, keys[1]), nil)
	zed = openTerminal(t, ts.login(t, keys[2]), nil)
	fac.waitFor("(priya)")
	jonas.waitFor("(jonas)")
	zed.waitFor("(zed)")
	return st, ts, fac, jonas, zed
}

// quitAll quits every terminal and checks each ended cleanly.
func quitAll(t *testing.T, terms ...*terminal) {
	t.Helper()
	for _, term := range terms {
		term.press("q")
	}
	for _, term := range terms {
		if code := term.wait(); code != 0 {
			t.Errorf("exit status %d; stderr %s", code, term.stderr.String())
		}
	}
}

func TestServer_Live_SaveUpdatesOthersCount(t *testing.T) {
	st, _, fac, jonas, zed := liveTeam(t)
	first := model.LiveObjectives(reviewSprint(t, st))[0]
	n, of := answered(t, st, first.ID)

	jonas.press("\x1b[Z") // shift+tab: digits type the progress on Assess
	jonas.waitFor(fmt.Sprintf("%d of %d answered", n, of))
	jonas.waitFor("Figures show as the facilitator reveals")
	// zed, new to the team, estimates the first objective.
	zed.press("p", "4", "2")
	zed.waitFor("42")
	mark := jonas.mark()
	start := time.Now()
	zed.press("\r")
	took := jonas.within(mark, fmt.Sprintf("%d of %d answered", n+1, of), start, liveBound)
	t.Logf("zed's estimate reached jonas's dashboard in %s", took)
	quitAll(t, fac, jonas, zed)
}

func TestServer_Live_FacilitatorLeadsTheReview(t *testing.T) {
	st, _, fac, jonas, zed := liveTeam(t)
	agenda := len(model.LiveObjectives(reviewSprint(t, st)))
	for _, term := range []*terminal{fac, jonas} {
		term.press("\t") // from Assess, where digits type the progress
		term.waitFor("Before the agenda")
	}
	// The facilitator opens the agenda; jonas, still on last sprint's
	// actions, follows to the same objective.
	mark := jonas.mark()
	fac.press("\r")
	fac.waitFor("Press space to reveal")
	jonas.waitSince(mark, "Following the facilitator.")
	jonas.waitFor(fmt.Sprintf("1/%d", agenda))
	if s := ansi.Strip(jonas.raw()[mark:]); strings.Contains(s, "responses") || strings.Contains(s, "┼") {
		t.Fatalf("jonas saw estimates before the reveal:\n%s", s)
	}

	mark = jonas.mark()
	start := time.Now()
	fac.press(" ")
	took := jonas.within(mark, "┼", start, liveBound)
	jonas.waitSince(mark, "responses")
	t.Logf("the reveal reached jonas in %s", took)

	mark = jonas.mark()
	start = time.Now()
	fac.press("j")
	took = jonas.within(mark, fmt.Sprintf("2/%d", agenda), start, liveBound)
	t.Logf("the move to the next objective reached jonas in %s", took)

	mark = jonas.mark()
	fac.press("v", "6", "1")
	fac.waitFor("61")
	start = time.Now()
	fac.press("\r")
	jonas.within(mark, "Agreed: 61%", start, liveBound)

	mark = jonas.mark()
	fac.press("a")
	fac.press(strings.Split("Pair on the retry path", "")...)
	fac.waitFor("retry path")
	start = time.Now()
	fac.press("\r")
	took = jonas.within(mark, "☐ Pair on the retry path", start, liveBound)
	t.Logf("the action item reached jonas in %s", took)

	// A member cannot record the review: a footer says why, nothing saves.
	sprint := reviewSprint(t, st)
	second := jonas.mark()
	jonas.press(" ")
	jonas.waitSince(second, "only the facilitator can reveal")
	jonas.press("v")
	jonas.waitSince(second, "only the facilitator can set the agreed value")
	jonas.press("a")
	jonas.waitSince(second, "only the facilitator can add action items")
	time.Sleep(300 * time.Millisecond)
	after := reviewSprint(t, st)
	if len(after.Outcomes) != len(sprint.Outcomes) || len(after.Actions) != len(sprint.Actions) {
		t.Errorf("a member's keys saved something: outcomes %d → %d, actions %d → %d",
			len(sprint.Outcomes), len(after.Outcomes), len(sprint.Actions), len(after.Actions))
	}
	for i := range after.Outcomes {
		if after.Outcomes[i].Revealed != sprint.Outcomes[i].Revealed {
			t.Errorf("a member's space changed a reveal")
		}
	}

	// A late joiner's review opens where the facilitator is.
	zed.press("\t")
	zed.waitFor(fmt.Sprintf("2/%d", agenda))
	zed.waitFor("Following the facilitator.")
	quitAll(t, fac, jonas, zed)
}

func TestServer_Live_EscapeTypedByOneNeverReachesAnother(t *testing.T) {
	st, _, fac, jonas, zed := liveTeam(t)
	first := model.LiveObjectives(reviewSprint(t, st))[0]
	// zed pastes a note carrying a window-title and a colour sequence.
	zed.press("5", "\r", "n") // a note belongs to an answer
	zed.press("\x1b[200~evil\x1b]2;PWNED\x07 \x1b[31mRED\x1b[201~")
	zed.waitFor("PWNED")
	zed.press("\x1b")
	time.Sleep(300 * time.Millisecond) // the note saves as typed
	// The facilitator opens that objective in the review and reveals it.
	mark := fac.mark()
	fac.press("\x1b[Z", "\r")
	fac.waitSince(mark, first.Title[:min(len(first.Title), 20)])
	fac.press("3")
	fac.waitFor("Press space to reveal")
	fac.press(" ")
	fac.waitSince(mark, "PWNED")
	raw := fac.raw()[mark:]
	for _, bad := range []string{"\x1b]2;", "\x1b[31mRED", "\x07"} {
		if strings.Contains(raw, bad) {
			t.Errorf("zed's %q reached the facilitator's terminal", bad)
		}
	}
	for _, a := range reviewSprint(t, st).Assessments {
		if strings.ContainsAny(a.Note, "\x1b\x07") {
			t.Errorf("a stored note keeps control characters: %q", a.Note)
		}
	}
	quitAll(t, fac, jonas, zed)
}
