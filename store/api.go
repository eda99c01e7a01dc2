package store

// TEMPORARY SKELETON: the store helper replaces every body below with the real
// implementation (and may move methods into other files), keeping signatures.

import (
	"errors"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

var errTODO = errors.New("store: not implemented yet")

// DefaultPath returns $XDG_DATA_HOME/align/align.db, else ~/.local/share/align/align.db.
func DefaultPath() (string, error) { return "", errTODO }

// Open opens (creating if needed) the workspace at path.
func Open(path string, opt Options) (*Store, error) { return nil, errTODO }

// Close closes the file.
func (s *Store) Close() error { return errTODO }

// Path returns the file's path.
func (s *Store) Path() string { return s.path }

// Workspace returns the workspace-wide state.
func (s *Store) Workspace() (Workspace, error) { return Workspace{}, errTODO }

// SetTeam sets the team name.
func (s *Store) SetTeam(name string) error { return errTODO }

// SetSettings validates and stores the analysis settings.
func (s *Store) SetSettings(st model.Settings) error { return errTODO }

// SetLastMember remembers who last assessed in the TUI.
func (s *Store) SetLastMember(id uuid.UUID) error { return errTODO }

// SaveGoal normalises, validates and writes g in one transaction.
func (s *Store) SaveGoal(g model.Goal) (model.Goal, error) { return g, errTODO }

// SaveMember normalises, validates (unique handle) and writes m.
func (s *Store) SaveMember(m model.Member) (model.Member, error) { return m, errTODO }

// SaveSprint normalises, validates and writes sp.
func (s *Store) SaveSprint(sp model.Sprint) (model.Sprint, error) { return sp, errTODO }

// SaveObjective normalises, validates and writes o.
func (s *Store) SaveObjective(o model.Objective) (model.Objective, error) { return o, errTODO }

// SaveStory normalises, validates and writes st.
func (s *Store) SaveStory(st model.Story) (model.Story, error) { return st, errTODO }

// SaveAssessment normalises, validates and writes a.
func (s *Store) SaveAssessment(a model.Assessment) (model.Assessment, error) { return a, errTODO }

// SaveOutcome normalises, validates and writes o.
func (s *Store) SaveOutcome(o model.Outcome) (model.Outcome, error) { return o, errTODO }

// SaveAction normalises, validates and writes a.
func (s *Store) SaveAction(a model.ActionItem) (model.ActionItem, error) { return a, errTODO }

// Goals returns the live goals, oldest first.
func (s *Store) Goals() ([]model.Goal, error) { return nil, errTODO }

// Members returns the live members (active and inactive), by handle.
func (s *Store) Members() ([]model.Member, error) { return nil, errTODO }

// Sprints returns the live sprint headers, by start date.
func (s *Store) Sprints() ([]model.Sprint, error) { return nil, errTODO }

// SprintData loads one sprint with its live records, reading that sprint only.
func (s *Store) SprintData(id uuid.UUID) (model.SprintData, error) { return model.SprintData{}, errTODO }

// Dataset returns the records selected by opt.
func (s *Store) Dataset(opt DatasetOptions) (model.Dataset, error) { return model.Dataset{}, errTODO }

// Apply writes every record of d verbatim (upsert by ID) in one transaction.
func (s *Store) Apply(d model.Dataset) error { return errTODO }

// Backup writes a consistent, fsynced copy of the file to path.
func (s *Store) Backup(path string, force bool) error { return errTODO }

// Check verifies bbolt's consistency and referential integrity.
func (s *Store) Check() ([]Problem, error) { return nil, errTODO }
