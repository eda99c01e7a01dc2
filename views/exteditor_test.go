package views

import (
	"os"
	"testing"
	"time"

	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

func TestEditorArgv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		env  map[string]string
		want []string
	}{
		{map[string]string{}, []string{"vi"}},
		{map[string]string{"EDITOR": "nano"}, []string{"nano"}},
		{map[string]string{"EDITOR": "nano", "VISUAL": "code --wait"}, []string{"code", "--wait"}},
		{map[string]string{"VISUAL": "  "}, []string{"vi"}},
	}
	for _, tt := range tests {
		got := ui.EditorArgv(env(tt.env))
		if len(got) != len(tt.want) || got[0] != tt.want[0] {
			t.Errorf("editorArgv(%v) = %v, want %v", tt.env, got, tt.want)
		}
	}
}

func TestExternalEdit_WritesTextAndRefusesOverServe(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	id := uuid.New()
	msg, ok := a.deps.ExternalEdit("assess-note", id, "first\nsecond")().(ui.ExternalReadyMsg)
	if !ok {
		t.Fatal("externalEdit did not prepare a file")
	}
	defer os.Remove(msg.Path)
	if b, err := os.ReadFile(msg.Path); err != nil || string(b) != "first\nsecond\n" {
		t.Fatalf("file holds %q (%v)", b, err)
	}
	served := a.deps
	served.Hub = newHub(0)
	if f, ok := served.ExternalEdit("assess-note", id, "x")().(ui.FooterMsg); !ok || f.Text == "" {
		t.Fatalf("over serve externalEdit gave %#v, want a refusal in the footer", f)
	}
	for in, want := range map[string]string{"a\r\nb\n": "a\nb", "a\nb\n\n": "a\nb\n", "a": "a", "": ""} {
		if got := ui.EditedText(in); got != want {
			t.Errorf("editedText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExternalEdit_AppendingEditorStartsANewLine: what an editor or script
// appends to the file starts on a line of its own, and the text read back
// is the text written, whatever it ends with.
func TestExternalEdit_AppendingEditorStartsANewLine(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	for _, tt := range []struct{ text, appended, want string }{
		{"abc", "from editor\n", "abc\nfrom editor"},
		{"abc", "", "abc"},
		{"two\nlines\n", "", "two\nlines\n"},
		{"", "from editor\n", "from editor"},
	} {
		msg, ok := a.deps.ExternalEdit("review-notes", uuid.New(), tt.text)().(ui.ExternalReadyMsg)
		if !ok {
			t.Fatal("externalEdit did not prepare a file")
		}
		f, err := os.OpenFile(msg.Path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, werr := f.WriteString(tt.appended)
		if err := f.Close(); err != nil || werr != nil {
			t.Fatal(err, werr)
		}
		b, err := os.ReadFile(msg.Path)
		os.Remove(msg.Path)
		if err != nil {
			t.Fatal(err)
		}
		if got := ui.EditedText(string(b)); got != tt.want {
			t.Errorf("%q with %q appended reads back %q, want %q", tt.text, tt.appended, got, tt.want)
		}
	}
}

func TestAssess_Update_NoteFromEditorIsSaved(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = press(t, a, "2", "/", "l", "i", "n", "enter", "5", "0", "enter", "n")
	o := a.assessScreen.Objectives()[0]
	a = drive(t, a, func() tea.Msg {
		return ui.ExternalEditedMsg{Field: "assess-note", ID: o.ID, Text: "Second line\nq test"}
	})
	if got := a.assessScreen.Mine(o.ID).Note; got != "Second line\nq test" {
		t.Fatalf("note %q after the editor", got)
	}
	a = press(t, a, "enter")
	if a.assessScreen.Noting() {
		t.Fatal("enter did not leave the note")
	}
	a.Close(5 * time.Second)
	for _, as := range sprintData(t, st).Assessments {
		if as.ObjectiveID == o.ID && as.MemberID == a.assessScreen.Member().ID && as.Note != "Second line\nq test" {
			t.Fatalf("stored note %q", as.Note)
		}
	}
}

func TestPlan_Update_DescriptionFromEditor(t *testing.T) {
	a, st := openPlan(t)
	a = planPress(t, a, "]", "n", "Fewer support calls", "tab")
	m, cmd := a.Update(keyMsg("ctrl+o"))
	a = m.(App)
	ready, ok := cmd().(ui.ExternalReadyMsg)
	if !ok || ready.Field != "plan:description" {
		t.Fatalf("ctrl+o in the description gave %#v", ready)
	}
	os.Remove(ready.Path)
	a = drive(t, a, func() tea.Msg {
		return ui.ExternalEditedMsg{Field: ready.Field, Text: "Line one\nLine two"}
	})
	a = planPress(t, a, "enter")
	gs, _ := st.Goals()
	for _, g := range gs {
		if g.Title == "Fewer support calls" {
			if g.Description != "Line one\nLine two" {
				t.Fatalf("description %q", g.Description)
			}
			return
		}
	}
	t.Fatal("goal not saved")
}

// In a multi-line Plan field the footer shows, at 80 columns, how to save,
// start a new line and open $EDITOR.
func TestPlan_View_MultiLineFieldHelpFits(t *testing.T) {
	a, _ := openPlan(t)
	a = planPress(t, a, "]", "n", "X", "tab")
	l := splitLines(a.View())
	contains(t, l[len(l)-1], "enter save", "ctrl+j new line", "ctrl+o $EDITOR", "esc cancel")
}
