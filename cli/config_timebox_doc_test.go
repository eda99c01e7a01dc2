package cli

import (
	"os"
	"strings"
	"testing"
)

// The Review screen's timer reads "OVER 9:15 of 8:00" past the time box
// (views/review/timer.go): align config's help, its listing and the
// README's settings table name that word, not a lower-case "over" that is
// nowhere on the screen.
func TestConfig_TimeboxDocsNameTheScreensWord(t *testing.T) {
	db := newWorkspace(t)
	help := mustRun(t, db, "config", "--help")
	list := mustRun(t, db, "config")
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var row string
	for _, l := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(l, "| `timebox-minutes` |") {
			row = l
		}
	}
	for what, text := range map[string]string{"config --help": help, "config": list, "README": row} {
		if !strings.Contains(text, "OVER") || strings.Contains(text, `"over"`) || strings.Contains(text, "says over") {
			t.Errorf("%s does not name the timer's OVER:\n%s", what, text)
		}
	}
}
