package rollup

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var now = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

func agreed(v int) *int { return &v }

func obj(title string, g model.Goal, a int, median float64, spread int, level model.Level, stretch bool, done, stories int) model.ObjectiveSummary {
	return model.ObjectiveSummary{Title: title, GoalID: g.ID, Goal: g.Title, Stretch: stretch, Responses: 2, Median: median,
		Spread: spread, Level: level, Agreed: agreed(a), Discussed: true,
		Evidence: model.SummaryEvidence{Stories: stories, StoriesDone: done, DonePercent: percent(done, stories), HasEvidence: stories > 0}}
}

func percent(a, b int) int {
	if b == 0 {
		return 0
	}
	return 100 * a / b
}

func sprint(name string, participation int, score float64, objs ...model.ObjectiveSummary) model.SprintSummary {
	return model.SprintSummary{Name: name, State: model.StateClosed, Members: 3, Answered: 3 * participation / 100,
		Participation: participation, Score: score, HasScore: true, Objectives: objs}
}

// fixture is the README's three teams: Checkout and Growth far apart on
// one goal, Search quiet on another, and a goal nobody works on.
func fixture() model.Rollup {
	org := model.Org{Name: "Acme"}
	mk := func(n byte, title string) model.Goal {
		g := model.Goal{Meta: model.Meta{ID: [16]byte{n}}, Title: title}
		org.Goals = append(org.Goals, g)
		return g
	}
	rev, sup := mk(1, "Grow self-serve revenue"), mk(2, "Cut support load")
	mk(3, "Enter Germany")
	sums := []model.TeamSummary{
		{Team: "Checkout", ExportedAt: now, Sprints: []model.SprintSummary{
			sprint("Sprint 1", 100, 90, obj("Checkout in three steps", rev, 45, 45, 10, model.LevelAligned, false, 0, 0)),
			sprint("Sprint 2", 100, 88, obj("Checkout in three steps", rev, 80, 82.5, 5, model.LevelAligned, false, 2, 2),
				obj("Pay by bank transfer", rev, 20, 20, 20, model.LevelDivergent, true, 0, 0)),
		}},
		{Team: "Growth", ExportedAt: now, Sprints: []model.SprintSummary{
			sprint("Sprint 1", 100, 90, obj("Self-serve trials", rev, 35, 35, 10, model.LevelAligned, false, 0, 0)),
			sprint("Sprint 2", 100, 55, obj("Self-serve trials", rev, 25, 37.5, 45, model.LevelSplit, false, 1, 2)),
		}},
		{Team: "Search", ExportedAt: now, Sprints: []model.SprintSummary{
			sprint("Sprint 1", 100, 90, obj("Answers in search", sup, 55, 55, 10, model.LevelAligned, false, 0, 0)),
			sprint("Sprint 2", 33, 0, obj("Answers in search", sup, 70, 0, 0, model.LevelNone, false, 0, 0)),
		}},
	}
	sums[2].Sprints[1].HasScore = false
	return model.RollUp(org, sums, now, model.DefaultRollupOptions())
}

func newScreen(w, h int) Model {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return New(fixture(), ui.NewStyles(r), w, h)
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "down":
			msg = tea.KeyMsg{Type: tea.KeyDown}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		m, _ = m.Update(msg)
	}
	return m
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./views/rollup/ -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (-update rewrites it)\n--- got:\n%s\n--- want:\n%s", name, got, want)
	}
}

func TestView_Golden(t *testing.T) {
	screens := map[string][]string{
		"goals":      nil,
		"teams":      {"enter"},
		"objectives": {"enter", "down", "enter"},
		"objective":  {"enter", "enter", "down"},
		"past":       {"t", "j", "j"},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for name, keys := range screens {
			m := press(newScreen(size[0], size[1]), keys...)
			v := m.View()
			if got := strings.Count(v, "\n") + 1; got > size[1] {
				t.Errorf("%s at %dx%d: %d lines", name, size[0], size[1], got)
			}
			for _, l := range strings.Split(v, "\n") {
				if ansi.StringWidth(l) > size[0] {
					t.Errorf("%s at %dx%d: a line of %d cells: %q", name, size[0], size[1], ansi.StringWidth(l), l)
				}
			}
			golden(t, fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), v)
		}
	}
}

func TestUpdate_DrillDownAndBack(t *testing.T) {
	m := newScreen(100, 30)
	if m.at != levelGoals || !strings.Contains(m.View(), "> Grow self-serve revenue") {
		t.Fatalf("starts on the goals:\n%s", m.View())
	}
	m = press(m, "enter")
	if m.at != levelTeams || !strings.Contains(m.View(), "Goals › Grow self-serve revenue") {
		t.Fatalf("enter opens the goal's teams:\n%s", m.View())
	}
	m = press(m, "down", "down", "down", "enter")
	if m.at != levelObjectives || !strings.Contains(m.View(), "Goals › Grow self-serve revenue › Growth") {
		t.Fatalf("the cursor stops at the last team, and enter opens Growth's objectives:\n%s", m.View())
	}
	if v := m.View(); !strings.Contains(v, "median 37.5, spread 45: split") || !strings.Contains(v, "stories    1/2 done") {
		t.Errorf("the objective's detail:\n%s", v)
	}
	m = press(m, "enter", "esc", "esc")
	if m.at != levelGoals {
		t.Errorf("esc twice returns to the goals, at %d", m.at)
	}
	// An idle goal has no teams to open.
	m = press(m, "j", "j", "enter")
	if m.at != levelGoals || !strings.Contains(m.View(), "no team works on it") {
		t.Errorf("enter on an idle goal:\n%s", m.View())
	}
	m = press(m, "t")
	if m.at != levelTeamPast || !strings.Contains(m.View(), "participation falling: 33 % in Sprint 2") {
		// Search is the last team; go to it.
		m = press(m, "j", "j")
		if !strings.Contains(m.View(), "silent: participation falling") {
			t.Errorf("the teams' past:\n%s", m.View())
		}
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")}); cmd == nil {
		t.Error("q does not quit")
	}
}

func TestView_TooSmall(t *testing.T) {
	if v := newScreen(40, 10).View(); !strings.Contains(v, "too small") {
		t.Errorf("40x10:\n%s", v)
	}
	m, _ := newScreen(40, 10).Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if strings.Contains(m.View(), "too small") {
		t.Error("a resize to 80x24 still says too small")
	}
}
