package plan

import (
	"strings"
	"testing"

	"github.com/align-team/align/views/ui"
	"github.com/align-team/align/views/uitest"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/uuid"
)

func stripANSI(s string) string { return ansi.Strip(s) }

func testForm() formModel {
	s := ui.NewStyles(uitest.Renderer())
	g1, g2 := uuid.New(), uuid.New()
	opts := []formOption{{label: "(no goal)"}, {id: g1, label: "Faster checkout"}, {id: g2, label: "Fewer refunds"}}
	return newFormModel(s, planRecord{kind: kindObjective}, "New objective",
		textField(s, "title", "Title", "", fieldText, 20, ""),
		textField(s, "points", "Points", "", fieldNumber, 4, ""),
		choiceField(s, "goal", "Goal", fieldPick, opts, uuid.Nil, ""),
		toggleField("archived", "Archived", false),
	).SetSize(50, 12)
}

func TestPlanForm_Update_FieldsAndResults(t *testing.T) {
	f := testForm()
	steps := []struct {
		key  string
		want formResult
	}{
		{"Hello", formNone}, {"tab", formNone}, {"1a2", formNone}, {" ", formNone}, {"tab", formNone},
		{"ref", formNone}, {"tab", formNone}, {" ", formNone}, {"tab", formNone}, {"enter", formSave},
	}
	for _, s := range steps {
		var res formResult
		f, res = f.Update(uitest.KeyMsg(s.key))
		if res != s.want {
			t.Fatalf("%q: result %d, want %d", s.key, res, s.want)
		}
	}
	if f.text("title") != "Hello" || f.text("points") != "12" || f.chosen("goal").label != "Fewer refunds" || !f.on("archived") {
		t.Errorf("form holds %q %q %q %v", f.text("title"), f.text("points"), f.chosen("goal").label, f.on("archived"))
	}
	if f.focus != 0 || !f.Dirty() {
		t.Errorf("focus %d (want wrap to 0), dirty %v", f.focus, f.Dirty())
	}
	if _, res := f.Update(uitest.KeyMsg("esc")); res != formCancel {
		t.Error("esc does not cancel")
	}
}

func TestPlanForm_Update_PickChoosesWithArrows(t *testing.T) {
	f := testForm().focusField("goal")
	f, _ = f.Update(uitest.KeyMsg("down"))
	f, _ = f.Update(uitest.KeyMsg("down"))
	f, _ = f.Update(uitest.KeyMsg("down"))
	if got := f.chosen("goal").label; got != "Fewer refunds" {
		t.Errorf("down ×3 chose %q", got)
	}
	f, _ = f.Update(uitest.KeyMsg("up"))
	if got := f.chosen("goal").label; got != "Faster checkout" {
		t.Errorf("up chose %q", got)
	}
	f, _ = f.Update(uitest.KeyMsg("zzz"))
	if got := f.chosen("goal").label; got != "Faster checkout" {
		t.Errorf("a filter with no match changed the choice to %q", got)
	}
}

func TestPlanForm_View_FitsWidth(t *testing.T) {
	for _, w := range []int{1, 10, 30, 50} {
		f := testForm().focusField("goal").SetSize(w, 8)
		for _, l := range strings.Split(f.View(), "\n") {
			if lw := lipgloss.Width(l); lw > w {
				t.Errorf("width %d: line %q is %d wide", w, stripANSI(l), lw)
			}
		}
	}
}
