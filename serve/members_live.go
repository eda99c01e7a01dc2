package serve

import (
	"errors"
	"fmt"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// watchMembers keeps the open sessions true to the members as they are
// saved: whenever a session saves something (every save is published on
// the hub) or a session starts, the members are read again, and a session
// whose member was removed or deactivated, or whose key was taken off,
// ends at once with the reason on its screen; a session whose member's
// role changed carries on with the new role. It returns when done closes.
func (srv *Server) watchMembers(done <-chan struct{}) {
	unsubscribe := srv.hub.Subscribe(func(tea.Msg) { srv.pokeMembers() })
	defer unsubscribe()
	for {
		select {
		case <-done:
			return
		case <-srv.membersChanged:
			srv.recheckMembers()
		}
	}
}

// pokeMembers asks watchMembers to read the members again; it never blocks.
func (srv *Server) pokeMembers() {
	select {
	case srv.membersChanged <- struct{}{}:
	default: // a check is pending already
	}
}

// recheckMembers applies the stored members to every running session.
func (srv *Server) recheckMembers() {
	members, err := srv.cfg.Store.Members()
	if err != nil {
		srv.log.printf("%s cannot read the members to check the open sessions: %v\n", srv.now().UTC().Format(time.RFC3339), err)
		return
	}
	srv.mu.Lock()
	running := make([]*session, 0, len(srv.sessions))
	for s := range srv.sessions {
		running = append(running, s)
	}
	srv.mu.Unlock()
	for _, s := range running {
		m, err := MemberForKey(members, s.key)
		if err != nil || m.ID != s.member.ID {
			s.revoke()
			go s.stop(revoked(members, s.member, err)) // Quit waits for the program
			continue
		}
		if s.setRole(m.Facilitator) {
			// Send waits for the program; a busy one must not hold up the
			// others' checks.
			go s.program.Send(views.RoleMsg{Facilitator: m.Facilitator})
		}
	}
}

// revoked says why member may no longer run a session.
func revoked(members []model.Member, member model.Member, err error) string {
	m, found := memberByID(members, member.ID)
	switch {
	case !found || m.Deleted:
		return fmt.Sprintf("session ended: @%s was removed from the workspace", member.Handle)
	case !m.Active:
		return fmt.Sprintf("session ended: @%s was deactivated", member.Handle)
	case errors.Is(err, ErrAmbiguousKey):
		return "session ended: this SSH key is now registered for more than one member"
	}
	return fmt.Sprintf("session ended: this SSH key is no longer registered for @%s", m.Handle)
}

// memberByID finds the member with id.
func memberByID(members []model.Member, id uuid.UUID) (model.Member, bool) {
	for _, m := range members {
		if m.ID == id {
			return m, true
		}
	}
	return model.Member{}, false
}

// setRole records the session's role; it reports whether it changed.
func (s *session) setRole(facilitator bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := s.facilitator != facilitator
	s.facilitator = facilitator
	return changed
}

// revoke marks the session's connection to be closed when it ends: its
// member may no longer open sessions on it.
func (s *session) revoke() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revoked = true
}

// wasRevoked reports whether the session's member lost their access.
func (s *session) wasRevoked() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.revoked
}
