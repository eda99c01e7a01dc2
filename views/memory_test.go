package views

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/align-team/align/internal/lastmember"
)

// TestAssess_Memory_PerOSUser checks that the member chosen on Assess is
// remembered for the OS user who chose it, not in the workspace: the same
// user opens as that member next time, another user on the same workspace
// is asked who they are, and a last member stored in the workspace by an
// older align is ignored.
func TestAssess_Memory_PerOSUser(t *testing.T) {
	st := newTestStore(t)
	dir := t.TempDir()
	open := func(user string) App {
		mem := lastmember.Workspace{File: lastmember.File{Path: filepath.Join(dir, user, "last-member.json")}, DB: st.Path()}
		a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24, Facilitator: true, Memory: mem})
		t.Cleanup(func() { a.Close(5 * time.Second) })
		return press(t, drive(t, a, a.Init()), "2")
	}
	// An older align remembered jonas in the shared workspace.
	if err := st.SetLastMember(memberID(t, st, "jonas").ID); err != nil {
		t.Fatal(err)
	}
	alice := open("alice")
	if !alice.assessScreen.Picking() {
		t.Fatalf("alice opens as %q, remembered in the shared workspace", alice.assessScreen.Member().Handle)
	}
	alice = press(t, alice, "/", "l", "i", "n", "enter")
	if alice.assessScreen.Member().Handle != "lin" {
		t.Fatalf("alice chose %q, want lin", alice.assessScreen.Member().Handle)
	}
	alice.Close(5 * time.Second)
	if again := open("alice"); again.assessScreen.Picking() || again.assessScreen.Member().Handle != "lin" {
		t.Errorf("alice's next start: picking %v as %q, want lin", again.assessScreen.Picking(), again.assessScreen.Member().Handle)
	}
	if bob := open("bob"); !bob.assessScreen.Picking() {
		t.Errorf("bob, on the same workspace, opens as %q", bob.assessScreen.Member().Handle)
	}
}
