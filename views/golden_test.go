package views

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// updating reports whether -update was given. The flag itself is registered
// by charmbracelet/x/exp/golden (imported through teatest), so it is looked up
// rather than defined twice.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// golden compares got with testdata/name.golden, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./views/ -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (-update rewrites it)\n--- got:\n%s\n--- want:\n%s", name, got, want)
	}
}

// screenKeys are the keys that lead to each golden screen from a fresh app.
var screenKeys = []struct {
	name string
	keys []string
}{
	{"dashboard", []string{"1"}},
	{"assess_pick", []string{"2"}},
	{"assess", []string{"2", "enter", "down", "right", "right", "+"}},
	{"review_actions", []string{"3"}},
	{"review_hidden", []string{"3", "enter"}},
	{"review_revealed", []string{"3", "enter", " "}},
	{"review_wrapup", []string{"3", "enter", "w"}},
	{"plan", []string{"4"}},
	{"history", []string{"5"}},
	{"help", []string{"1", "?"}},
}

func TestApp_View_Golden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screenKeys {
			name := fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				a, _ := newTestApp(t, size[0], size[1])
				a = press(t, a, sc.keys...)
				golden(t, name, plain(a))
			})
		}
	}
}

func TestApp_View_SizeMatrix(t *testing.T) {
	a0, _ := newTestApp(t, 80, 24)
	for _, sc := range screenKeys {
		base := press(t, a0, sc.keys...)
		for _, w := range []int{0, 1, 10, 20, 40, 80, 200} {
			for _, h := range []int{0, 1, 5, 24, 60} {
				m, _ := base.Update(tea.WindowSizeMsg{Width: w, Height: h})
				view := m.(App).View()
				lines := strings.Split(view, "\n")
				if view != "" && len(lines) > h {
					t.Errorf("%s at %dx%d: %d lines", sc.name, w, h, len(lines))
				}
				for i, l := range lines {
					if lw := ansi.StringWidth(l); lw > w {
						t.Errorf("%s at %dx%d: line %d is %d wide: %q", sc.name, w, h, i, lw, ansi.Strip(l))
					}
				}
			}
		}
	}
}
