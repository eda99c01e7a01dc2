package serve

import (
	"testing"
	"time"

	"github.com/align-team/align/views"
)

// The member the SSH key proves goes down to the views as an id: the
// session acts as them with no second lookup by handle (views.Options.As
// is the member's id, and the screen shows that member).
func TestServer_Session_ActsAsTheKeysMemberByID(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	jonas := register(t, st, "jonas", key.PublicKey())
	register(t, st, "amara", testKey(t, 2).PublicKey())
	got := make(chan views.Options, 1)
	ts := startServer(t, st, Config{newModel: func(o views.Options) sessionModel {
		got <- o
		return views.New(o)
	}})
	term := openTerminal(t, ts.login(t, key), nil)
	term.waitFor("(jonas)")
	select {
	case o := <-got:
		if o.As != jonas.ID {
			t.Errorf("the session acts as %v, want jonas's id %v", o.As, jonas.ID)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the session built no app")
	}
	term.press("q")
	if code := term.wait(); code != 0 {
		t.Fatalf("exit status %d", code)
	}
}
