package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// rssBoundMiB is the stated bound on the server's peak resident memory
// through every attack below, with a handful of sessions open: what the
// attacks asked for came to gigabytes before sizes and requests were
// bounded.
const rssBoundMiB = 64

// envFloodCount is how many 32 KiB env requests the attack sends: 4,000
// (128 MiB) unless ALIGN_E2E_ENV_FLOOD says otherwise.
func envFloodCount() int {
	if n, err := strconv.Atoi(os.Getenv("ALIGN_E2E_ENV_FLOOD")); err == nil && n > 0 {
		return n
	}
	return 4000
}

// attackTeam is a workspace of the demo team where priya (facilitator),
// jonas and amara have keys.
func attackTeam(t *testing.T) (bin, db string, priya, jonas, amara gossh.Signer) {
	t.Helper()
	bin = sharedBinary(t)
	dir := t.TempDir()
	db = filepath.Join(dir, "team.db")
	run(t, bin, "demo", "--db", db)
	priya = memberKey(t, bin, db, dir, "priya")
	jonas = memberKey(t, bin, db, dir, "jonas")
	amara = memberKey(t, bin, db, dir, "amara")
	return bin, db, priya, jonas, amara
}

// TestServeAttack_OneMemberCannotTakeTheServerDown runs, against the real
// align serve on 127.0.0.1, each attack that once took it down or locked
// members out, and checks after each that it held: the server is alive,
// its peak memory stays under rssBoundMiB, a member logs in during a
// flood of idle connections, one member gets at most 3 sessions.
func TestServeAttack_OneMemberCannotTakeTheServerDown(t *testing.T) {
	bin, db, _, jonas, amara := attackTeam(t)
	srv := startServeProc(t, bin, db, "--login-grace", "1s")
	conn := srv.login(jonas)

	// A pty-req of 4294967295×4294967295, then window changes as big.
	huge := openXsess(t, conn, 1<<32-1, 1<<32-1, nil)
	huge.waitSince(0, "Assessing as Jonas Weber (jonas)")
	for i := range 2000 {
		size := []int{1<<32 - 1, 1000000, 0}[i%3]
		if err := huge.sess.WindowChange(size, size); err != nil {
			t.Fatal(err)
		}
	}
	_ = huge.sess.WindowChange(40, 120)
	mark := huge.mark()
	huge.press("\x1b[Z") // shift+tab: digits type the progress on Assess
	huge.waitSince(mark, "Submissions:")
	t.Logf("after the huge window: peak RSS %d MiB", srv.memKiB("VmHWM")>>10)

	// Env requests of 32 KiB each before the shell: 128 MiB, twice the
	// bound, which a server keeping them all would hold for the session.
	// (The report's 16,000 of them, 512 MiB, take ALIGN_E2E_ENV_FLOOD=16000.)
	flooded := openXsess(t, conn, 100, 30, func(s *gossh.Session) {
		big := strings.Repeat("x", 32<<10)
		for i := range envFloodCount() {
			payload := gossh.Marshal(struct{ Key, Value string }{fmt.Sprintf("V%d", i), big})
			if _, err := s.SendRequest("env", false, payload); err != nil {
				t.Fatal(err)
			}
		}
		if ok, _ := s.SendRequest("auth-agent-req@openssh.com", true, nil); ok {
			t.Errorf("agent forwarding was accepted")
		}
	})
	flooded.waitSince(0, "Assessing as Jonas Weber (jonas)")
	t.Logf("after %d env requests of 32 KiB: peak RSS %d MiB", envFloodCount(), srv.memKiB("VmHWM")>>10)

	// One member cannot take every slot: a third session is the last.
	third := openXsess(t, srv.login(jonas), 100, 30, nil)
	third.waitSince(0, "(jonas)")
	fourth := openXsess(t, srv.login(jonas), 100, 30, nil)
	fourth.waitEnd()
	if _, told := fourth.text(); !strings.Contains(told, "already has 3 sessions open") {
		t.Errorf("jonas's 4th session was told %q", told)
	}

	// 200 connections that never speak, from another loopback address.
	for range 200 {
		dialFrom(t, "127.0.0.2", srv.addr)
	}
	start := time.Now()
	member := openXsess(t, srv.login(amara), 100, 30, nil)
	member.waitSince(0, "Assessing as Amara Okafor (amara)")
	t.Logf("amara logged in and saw her screen %s after 200 idle connections from 127.0.0.2", time.Since(start).Round(time.Millisecond))
	srv.waitLog("already logging in", "did not log in within the login grace (1s)")

	if !srv.alive() {
		t.Fatal("the server died")
	}
	peak := srv.memKiB("VmHWM") >> 10
	t.Logf("peak RSS of align serve through every attack: %d MiB (bound %d MiB)", peak, rssBoundMiB)
	if peak > rssBoundMiB {
		t.Errorf("peak RSS %d MiB is over the bound of %d MiB", peak, rssBoundMiB)
	}
	for _, x := range []*xsess{huge, flooded, third, member} {
		x.press("q")
		x.waitEnd()
	}
}

// revocationTrials is how many times jonas is deactivated mid-session.
const revocationTrials = 20

// TestServeAttack_RevocationReachesOpenSessions has the facilitator, on
// her own Plan screen in the real align serve, demote a second
// facilitator (whose open Review then refuses to reveal) and deactivate
// jonas while he has two sessions open, 20 times: each time both of his
// sessions end with the reason on screen, and the time from the key press
// to the end is reported.
func TestServeAttack_RevocationReachesOpenSessions(t *testing.T) {
	bin, db, priya, jonas, amara := attackTeam(t)
	run(t, bin, "--db", db, "member", "role", "amara", "facilitator")
	srv := startServeProc(t, bin, db)
	fac := openXsess(t, srv.login(priya), 120, 40, nil)
	fac.waitSince(0, "(priya)")
	second := openXsess(t, srv.login(amara), 120, 40, nil)
	second.waitSince(0, "(amara)")
	second.press("\t") // tab: digits type the progress on Assess
	second.waitSince(0, "Before the agenda")
	second.press("\r")
	second.waitSince(0, "Press space to reveal")

	mark := fac.mark()
	fac.press("\t", "\t", "]", "]") // Plan (tab twice from Assess), Members; amara is first
	fac.waitSince(mark, "Members (6)")
	mark = second.mark()
	fac.press("f")
	second.waitSince(mark, "you are no longer a facilitator")
	second.press(" ")
	second.waitSince(mark, "only the facilitator can reveal")

	fac.press("j") // jonas
	var slowest time.Duration
	for i := range revocationTrials {
		a := openXsess(t, srv.login(jonas), 100, 30, nil)
		b := openXsess(t, srv.login(jonas), 100, 30, nil)
		a.waitSince(0, "(jonas)")
		b.waitSince(0, "(jonas)")
		mark := fac.mark()
		start := time.Now()
		fac.press("a")
		a.waitEnd()
		b.waitEnd()
		took := time.Since(start)
		slowest = max(slowest, took)
		for _, x := range []*xsess{a, b} {
			if _, told := x.text(); !strings.Contains(told, "align: session ended: @jonas was deactivated") {
				t.Errorf("trial %d: jonas was told %q", i, told)
			}
		}
		if _, err := srv.dialAs(jonas); err == nil {
			t.Errorf("trial %d: jonas logged in while inactive", i)
		}
		fac.waitSince(mark, "@jonas is inactive")
		mark = fac.mark()
		fac.press("a")
		fac.waitSince(mark, "@jonas is active")
	}
	t.Logf("jonas's two sessions ended at most %s after the facilitator deactivated him (%d trials)", slowest.Round(time.Millisecond), revocationTrials)
	srv.waitLog(`member=jonas`, `end="session ended: @jonas was deactivated"`)
	for _, x := range []*xsess{fac, second} {
		x.press("q")
		x.waitEnd()
	}
}
