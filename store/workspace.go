package store

import (
	"fmt"
	"unicode/utf8"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// defaultSettings is what a new or migrated workspace starts with.
func defaultSettings() model.Settings { return model.DefaultSettings() }

func getWorkspace(tx *bolt.Tx) (Workspace, error) {
	data := tx.Bucket(bucketMeta).Get(workspaceKey)
	if data == nil {
		return Workspace{}, &RecordError{Where: "workspace", Missing: true}
	}
	ws, err := decWorkspace(data)
	if err != nil {
		return Workspace{}, damaged("meta/workspace", err)
	}
	ws.Schema, err = readVersion(tx)
	return ws, err
}

func putWorkspace(tx *bolt.Tx, ws Workspace) error {
	data, err := encWorkspace(ws)
	if err != nil {
		return fmt.Errorf("encode workspace: %w", err)
	}
	if err := checkWorkspacePut(tx, ws); err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(workspaceKey, data)
}

// editWorkspace applies change to the stored workspace record in one
// transaction.
func (s *Store) editWorkspace(change func(tx *bolt.Tx, ws *Workspace) error) error {
	return s.update(func(tx *bolt.Tx) error {
		ws, err := getWorkspace(tx)
		if err != nil {
			return err
		}
		if err := change(tx, &ws); err != nil {
			return err
		}
		return putWorkspace(tx, ws)
	})
}

// Workspace returns the workspace-wide state.
func (s *Store) Workspace() (Workspace, error) {
	var ws Workspace
	err := s.viewEarly(func(tx *bolt.Tx) error {
		var err error
		ws, err = getWorkspace(tx)
		return err
	})
	return ws, err
}

// SetTeam sets the team name (sanitised; at most model.MaxTitle characters;
// empty clears it).
func (s *Store) SetTeam(name string) error {
	name = model.Sanitize(name, false)
	if n := utf8.RuneCountInString(name); n > model.MaxTitle {
		return &model.FieldError{Record: "workspace", Field: "team",
			Msg: fmt.Sprintf("is %d characters long; at most %d allowed", n, model.MaxTitle)}
	}
	return s.editWorkspace(func(_ *bolt.Tx, ws *Workspace) error {
		ws.Team = name
		return nil
	})
}

// SetSettings validates and stores the analysis settings.
func (s *Store) SetSettings(st model.Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.editWorkspace(func(_ *bolt.Tx, ws *Workspace) error {
		ws.Settings = st
		return nil
	})
}

// SetLastMember remembers who last assessed in the TUI; uuid.Nil forgets.
// The member must exist and not be deleted (ErrReference otherwise).
func (s *Store) SetLastMember(id uuid.UUID) error {
	return s.editWorkspace(func(tx *bolt.Tx, ws *Workspace) error {
		if id != uuid.Nil {
			if _, ok, err := memberKind.getLive(tx.Bucket(bucketMembers), id); err != nil {
				return err
			} else if !ok {
				return refErr("workspace", "last member", "member", id, "")
			}
		}
		ws.LastMember = id
		return nil
	})
}
