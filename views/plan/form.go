package plan

import (
	"slices"
	"strings"

	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// fieldKind is how a form field is edited.
type fieldKind int

const (
	fieldText   fieldKind = iota // one line of text
	fieldLines                   // several lines: ctrl+j is a new line
	fieldNumber                  // digits only
	fieldDate                    // YYYY-MM-DD
	fieldCycle                   // one of a few values, changed in place
	fieldPick                    // one of a list, filtered by typing
	fieldToggle                  // yes or no
)

// formOption is one value of a cycle or pick field.
type formOption struct {
	id    uuid.UUID
	value string
	label string
}

// formField is one field of a Plan form. name matches the Field of the
// model.FieldError that reports on it, so an error can focus it.
type formField struct {
	name    string
	label   string
	hint    string // shown faint while the field is empty and not focused
	kind    fieldKind
	edit    ui.Editor // the text; for a pick field, its filter
	options []formOption
	choice  int   // the chosen option (cycle, pick)
	orig    int   // choice when the form opened
	shown   []int // pick: the options matching the filter
	on      bool  // toggle
	origOn  bool
}

// formResult is what a key did to the form as a whole.
type formResult int

const (
	formNone formResult = iota
	formSave
	formCancel
)

// formLabelWidth is the column the values start at, after "▸ " and a label.
const formLabelWidth = 14

// formModel edits one record, one field at a time: tab and shift+tab move
// between fields, enter saves from a one-line field, esc cancels. It keeps
// the record it edits (a copy) so that saving only has to copy fields in.
type formModel struct {
	keys          formKeyMap
	styles        ui.Styles
	rec           planRecord
	title         string
	fields        []formField
	focus         int
	saving        bool
	width, height int
}

// newFormModel returns a form over fields with the first one focused.
func newFormModel(s ui.Styles, rec planRecord, title string, fields ...formField) formModel {
	f := formModel{keys: newFormKeyMap(), styles: s, rec: rec, title: title, fields: fields}
	for i := range f.fields {
		f.fields[i].orig, f.fields[i].origOn = f.fields[i].choice, f.fields[i].on
		if f.fields[i].kind == fieldPick {
			f.fields[i] = f.fields[i].refilter()
		}
	}
	return f.setFocus(0)
}

// textField returns a text field of kind k holding value.
func textField(s ui.Styles, name, label, hint string, k fieldKind, limit int, value string) formField {
	return formField{name: name, label: label, hint: hint, kind: k, edit: ui.NewEditor(s, "", k == fieldLines, limit).SetValue(value)}
}

// choiceField returns a cycle or pick field with options, choosing the
// first whose id and value match (the first option when none does).
func choiceField(s ui.Styles, name, label string, k fieldKind, options []formOption, id uuid.UUID, value string) formField {
	f := formField{name: name, label: label, kind: k, options: options, edit: ui.NewEditor(s, "", false, 80)}
	for i, o := range options {
		if o.id == id && o.value == value {
			f.choice = i
			break
		}
	}
	return f
}

// toggleField returns a yes/no field.
func toggleField(name, label string, on bool) formField {
	return formField{name: name, label: label, kind: fieldToggle, on: on}
}

// refilter recomputes the options of a pick field that match its filter,
// keeping the chosen option when it still matches.
func (f formField) refilter() formField {
	q := strings.ToLower(strings.TrimSpace(f.edit.Value()))
	f.shown = f.shown[:0:0]
	for i, o := range f.options {
		if q == "" || strings.Contains(strings.ToLower(o.label), q) {
			f.shown = append(f.shown, i)
		}
	}
	if len(f.shown) > 0 && !slices.Contains(f.shown, f.choice) {
		f.choice = f.shown[0]
	}
	return f
}

// setFocus moves the focus to field i.
func (f formModel) setFocus(i int) formModel {
	if len(f.fields) == 0 {
		return f
	}
	f.fields = slices.Clone(f.fields)
	f.fields[f.focus].edit = f.fields[f.focus].edit.Blur()
	f.focus = (i + len(f.fields)) % len(f.fields)
	f.fields[f.focus].edit = f.fields[f.focus].edit.Focus()
	return f
}

// focusField focuses the field called name, if there is one.
func (f formModel) focusField(name string) formModel {
	for i, fl := range f.fields {
		if fl.name == name {
			return f.setFocus(i)
		}
	}
	return f
}

// Update applies a key and reports whether it asks to save or cancel.
func (f formModel) Update(k tea.KeyMsg) (formModel, formResult) {
	if f.saving || len(f.fields) == 0 {
		return f, formNone
	}
	cur := f.fields[f.focus]
	switch {
	case key.Matches(k, f.keys.Cancel):
		return f, formCancel
	case key.Matches(k, f.keys.NextField):
		return f.setFocus(f.focus + 1), formNone
	case key.Matches(k, f.keys.PrevField):
		return f.setFocus(f.focus - 1), formNone
	case key.Matches(k, f.keys.SaveAny):
		return f, formSave
	case key.Matches(k, f.keys.Save):
		return f, formSave
	}
	cur = cur.update(k, f.keys)
	f.fields = slices.Clone(f.fields)
	f.fields[f.focus] = cur
	return f, formNone
}

// update edits the field for a key that is not a form key.
func (fl formField) update(k tea.KeyMsg, keys formKeyMap) formField {
	switch fl.kind {
	case fieldNumber, fieldDate:
		allowed := "0123456789"
		if fl.kind == fieldDate {
			allowed += "-"
		}
		if k.Type == tea.KeySpace {
			return fl
		}
		if k.Type == tea.KeyRunes {
			// Keep what fits the field, so a pasted "5 pts" gives 5.
			k.Runes = []rune(strings.Map(func(r rune) rune {
				if strings.ContainsRune(allowed, r) {
					return r
				}
				return -1
			}, string(k.Runes)))
			if len(k.Runes) == 0 {
				return fl
			}
		}
		fl.edit = fl.edit.Update(k)
	case fieldText, fieldLines:
		fl.edit = fl.edit.Update(k)
	case fieldToggle:
		if key.Matches(k, keys.Toggle) || key.Matches(k, keys.Cycle) {
			fl.on = !fl.on
		}
	case fieldCycle:
		if n := len(fl.options); n > 0 && key.Matches(k, keys.Cycle) {
			if k.Type == tea.KeyLeft {
				fl.choice = (fl.choice + n - 1) % n
			} else {
				fl.choice = (fl.choice + 1) % n
			}
		}
	case fieldPick:
		if key.Matches(k, keys.Choose) {
			i := slices.Index(fl.shown, fl.choice)
			if k.Type == tea.KeyUp {
				i--
			} else {
				i++
			}
			if len(fl.shown) > 0 {
				fl.choice = fl.shown[ui.Clamp(i, 0, len(fl.shown)-1)]
			}
			return fl
		}
		fl.edit = fl.edit.Update(k)
		return fl.refilter()
	}
	return fl
}

// Dirty reports whether any field changed since the form opened.
func (f formModel) Dirty() bool {
	for _, fl := range f.fields {
		switch fl.kind {
		case fieldCycle, fieldPick:
			if fl.choice != fl.orig {
				return true
			}
		case fieldToggle:
			if fl.on != fl.origOn {
				return true
			}
		default:
			if fl.edit.Dirty() {
				return true
			}
		}
	}
	return false
}

// field returns the field called name.
func (f formModel) field(name string) (formField, bool) {
	for _, fl := range f.fields {
		if fl.name == name {
			return fl, true
		}
	}
	return formField{}, false
}

// text returns the text of field name.
func (f formModel) text(name string) string {
	fl, _ := f.field(name)
	return fl.edit.Value()
}

// on returns the value of toggle field name.
func (f formModel) on(name string) bool {
	fl, _ := f.field(name)
	return fl.on
}

// chosen returns the chosen option of field name.
func (f formModel) chosen(name string) formOption {
	fl, ok := f.field(name)
	if !ok || fl.choice < 0 || fl.choice >= len(fl.options) {
		return formOption{}
	}
	return fl.options[fl.choice]
}

// SetSize sets the area the form draws in.
func (f formModel) SetSize(w, h int) formModel {
	f.width, f.height = w, h
	return f
}

// View renders the title and every field; the focused field is marked, its
// editor shows the cursor, and a focused pick field lists its options.
func (f formModel) View() string {
	s := f.styles
	w := max(1, f.width)
	valueW := max(1, w-formLabelWidth)
	out := []string{ui.Truncate(s.Title.Render(f.title), w)}
	// Lines left for multi-line fields and the open pick list.
	spare := f.height - 1 - len(f.fields)
	for i, fl := range f.fields {
		focused := i == f.focus
		label := "  " + ui.PadRight(fl.label, formLabelWidth-2)
		if focused {
			label = s.Accent.Render("▸ " + ui.PadRight(fl.label, formLabelWidth-2))
		} else {
			label = s.Faint.Render(label)
		}
		lines := fl.view(s, focused, valueW, spare)
		spare -= len(lines) - 1
		for j, l := range lines {
			if j == 0 {
				out = append(out, ui.Truncate(label+l, w))
			} else {
				out = append(out, ui.Truncate(strings.Repeat(" ", formLabelWidth)+l, w))
			}
		}
	}
	if f.saving {
		out = append(out, s.Faint.Render("saving…"))
	}
	return strings.Join(out, "\n")
}

// view renders the field's value in lines of at most w cells, using up to
// spare extra lines for a multi-line field or an open pick list.
func (fl formField) view(s ui.Styles, focused bool, w, spare int) []string {
	switch fl.kind {
	case fieldToggle:
		if fl.on {
			return []string{s.Text.Render("[x] yes")}
		}
		return []string{s.Text.Render("[ ] no")}
	case fieldCycle:
		v := ""
		if fl.choice < len(fl.options) {
			v = fl.options[fl.choice].label
		}
		if focused {
			return []string{s.Accent.Render("◂ ") + s.Bold.Render(v) + s.Accent.Render(" ▸")}
		}
		return []string{s.Text.Render(v)}
	case fieldPick:
		return fl.pickView(s, focused, w, spare)
	case fieldLines:
		h := ui.Clamp(spare+1, 1, 4)
		if focused {
			return strings.Split(fl.edit.SetSize(w, h).View(), "\n")
		}
		if fl.edit.Value() == "" {
			return []string{s.Faint.Render(fl.hint)}
		}
		var lines []string
		for _, l := range strings.Split(fl.edit.Value(), "\n") {
			lines = append(lines, ui.Wrap(l, w)...)
		}
		if len(lines) > h {
			lines = append(lines[:h-1], "…")
		}
		for i := range lines {
			lines[i] = s.Text.Render(lines[i])
		}
		return lines
	}
	if focused {
		return []string{fl.edit.SetSize(w, 1).View()}
	}
	if fl.edit.Value() == "" {
		return []string{s.Faint.Render(fl.hint)}
	}
	return []string{s.Text.Render(ui.Truncate(fl.edit.Value(), w))}
}

// pickView renders a pick field: the choice, or while focused the filter
// and the matching options around the choice.
func (fl formField) pickView(s ui.Styles, focused bool, w, spare int) []string {
	v := ""
	if fl.choice < len(fl.options) {
		v = fl.options[fl.choice].label
	}
	if !focused {
		return []string{s.Text.Render(ui.Truncate(v, w))}
	}
	head := fl.edit.SetSize(w, 1).View()
	if fl.edit.Value() == "" {
		head = s.Faint.Render("type to filter, ↑/↓ to choose")
	}
	lines := []string{head}
	rows := ui.Clamp(spare, 1, 6)
	if len(fl.shown) == 0 {
		return append(lines, s.Faint.Render("  no match"))
	}
	at := max(0, slices.Index(fl.shown, fl.choice))
	first := ui.Window(0, at, rows, len(fl.shown))
	for i := first; i < min(len(fl.shown), first+rows); i++ {
		o := fl.options[fl.shown[i]]
		if fl.shown[i] == fl.choice {
			lines = append(lines, s.Selected.Render(ui.Truncate("● "+o.label, w)))
		} else {
			lines = append(lines, s.Text.Render(ui.Truncate("  "+o.label, w)))
		}
	}
	return lines
}
