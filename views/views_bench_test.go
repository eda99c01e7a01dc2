package views

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/bench"
	"github.com/align-team/align/store"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/uuid"
	"github.com/muesli/termenv"
)

// Benchmarks of the terminal UI on the two bench workspaces (five years of
// history and a single sprint of the same size): the load that feeds the
// first frame and every reload, and View of each screen at 120×40. Run with
// `go test ./views -run '^$' -bench . -benchmem`; scripts/perf.sh reports the
// five-year/one-sprint ratios.

func TestMain(m *testing.M) {
	code := m.Run()
	bench.Cleanup()
	os.Exit(code)
}

// benchStore opens w's store file (built once per test binary) read-write,
// as the TUI does.
func benchStore(b *testing.B, w bench.Workspace) *store.Store {
	b.Helper()
	path, err := w.File()
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(path, store.Options{Now: func() time.Time { return bench.Now }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Close() })
	return st
}

// benchDrive runs cmd and the commands it leads to, like drive, for a
// benchmark.
func benchDrive(b *testing.B, a App, cmd tea.Cmd) App {
	b.Helper()
	return drive(b, a, cmd)
}

// benchApp returns a loaded app on w at 120×40 that renders in true colour,
// showing the screen the keys lead to.
func benchApp(b *testing.B, w bench.Workspace, keys ...string) App {
	b.Helper()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	a := New(Options{Store: benchStore(b, w), Now: func() time.Time { return bench.Now },
		Renderer: r, Width: 120, Height: 40, Facilitator: true})
	b.Cleanup(func() { a.Close(5 * time.Second) })
	a = benchDrive(b, a, a.Init())
	for _, k := range keys {
		m, cmd := a.Update(keyMsg(k))
		a = benchDrive(b, m.(App), cmd)
	}
	return a
}

func BenchmarkLoadWorkspace(b *testing.B) {
	for _, w := range bench.Both {
		b.Run(w.Name, func(b *testing.B) {
			st := benchStore(b, w)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := loadWorkspace(st, uuid.Nil, bench.Now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLoadHistory(b *testing.B) {
	for _, w := range bench.Both {
		b.Run(w.Name, func(b *testing.B) {
			st := benchStore(b, w)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := loadHistory(st); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkApp_View(b *testing.B) {
	screens := []struct {
		name string
		keys []string
		want string // text on screen that proves the state
	}{
		{"dashboard", nil, "Dashboard"},
		{"assess", []string{"2"}, "Assess"},
		{"review-revealed", []string{"3", "enter", " "}, "median"},
		{"plan", []string{"4"}, "Plan"},
		{"history", []string{"5"}, "Alignment over time"},
	}
	for _, sc := range screens {
		for _, w := range bench.Both {
			b.Run(fmt.Sprintf("%s/%s", sc.name, w.Name), func(b *testing.B) {
				a := benchApp(b, w, sc.keys...)
				if v := ansi.Strip(a.View()); !strings.Contains(v, sc.want) {
					b.Fatalf("screen lacks %q:\n%s", sc.want, v)
				}
				b.ReportAllocs()
				for b.Loop() {
					_ = a.View()
				}
			})
		}
	}
}

// BenchmarkApp_Key is one key press on the Dashboard: Update and the View
// Bubble Tea draws after it.
func BenchmarkApp_Key(b *testing.B) {
	for _, w := range bench.Both {
		b.Run(w.Name, func(b *testing.B) {
			a := benchApp(b, w)
			down, up := keyMsg("j"), keyMsg("k")
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				k := down
				if i%2 == 1 {
					k = up
				}
				m, _ := a.Update(k)
				a = m.(App)
				_ = a.View()
			}
		})
	}
}
