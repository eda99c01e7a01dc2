package plan

import (
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
)

// updateKeys turns on exactly the keys that do something now and names
// their effect, so that help is always true.
func (p Model) updateKeys() Model {
	k := newKeyMap()
	on := func(b *key.Binding, a planAction) {
		applies, why := p.gate(a)
		b.SetEnabled(applies && why == "")
	}
	on(&k.New, actNew)
	on(&k.Edit, actEdit)
	on(&k.Delete, actDelete)
	on(&k.MoveUp, actMove)
	on(&k.MoveDown, actMove)
	on(&k.Status, actStatus)
	on(&k.Archive, actArchive)
	on(&k.Active, actActive)
	on(&k.Facilitator, actFacilitator)
	on(&k.StateNext, actStateNext)
	on(&k.StatePrev, actStatePrev)
	on(&k.Carry, actCarry)
	f := p.focused()
	k.New.SetHelp("n", "new "+f.String())
	inSprints := p.section == sectionSprints
	k.Left.SetEnabled(inSprints && p.pane > kindSprint)
	k.Right.SetEnabled(inSprints && p.pane < kindStory)
	k.Open.SetEnabled(inSprints && p.pane < kindStory)
	if inSprints && p.pane == kindSprint {
		k.Right.SetHelp("→/l", "open sprint")
		k.Open.SetHelp("enter", "show sprint on every screen")
	} else {
		k.Right.SetHelp("→/l", "stories")
		k.Open.SetHelp("enter", "stories")
	}
	k.Back.SetEnabled(p.lists[f].filter != "" || (inSprints && p.pane > kindSprint))
	k.Filter.SetEnabled(p.count(f) > 0)
	if sp, ok := p.selSprint(); ok {
		if to, ok := nextState(sp.State); ok {
			k.StateNext.SetHelp(">", "to "+string(to))
		}
		if to, ok := prevState(sp.State); ok {
			k.StatePrev.SetHelp("<", "back to "+string(to))
		}
	}
	if g, ok := p.selGoal(); ok && g.Archived {
		k.Archive.SetHelp("a", "unarchive")
	}
	p.keys = k
	return p
}

// ShortHelp returns the bindings of the short help line.
func (p Model) ShortHelp() []key.Binding {
	k := p.keys
	switch {
	case p.formOpen:
		return p.formHelp()
	case p.filtering:
		return []key.Binding{p.filterHelp(p.input.Submit, "keep filter"), p.filterHelp(p.input.Cancel, "clear filter")}
	case p.carrying:
		c := p.carryKeys
		return []key.Binding{c.Up, c.Down, c.Toggle, c.Carry, c.Cancel}
	}
	// The most important first: the line keeps what fits, then "? more keys".
	switch p.focused() {
	case kindSprint:
		return []key.Binding{ui.Relabel(k.Open, "enter", "show"), k.New, k.Edit, k.StateNext, k.Carry, k.Delete}
	case kindObjective:
		return []key.Binding{k.New, k.Edit, k.Right, k.Left, k.Delete, k.MoveUp}
	case kindStory:
		return []key.Binding{k.New, k.Edit, k.Status, k.Left, k.Delete, k.MoveUp}
	case kindGoal:
		return []key.Binding{k.New, k.Edit, k.Archive, k.NextSection, k.Delete, k.Filter}
	}
	return []key.Binding{k.New, k.Edit, k.Active, k.NextSection, k.Facilitator, k.Delete}
}

// FullHelp returns the bindings of the full help.
func (p Model) FullHelp() [][]key.Binding {
	k := p.keys
	switch {
	case p.formOpen, p.filtering, p.carrying:
		return [][]key.Binding{p.ShortHelp()}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.Open, k.Back, k.Filter},
		{k.New, k.Edit, k.Delete, k.MoveUp, k.MoveDown, k.Status, k.Archive, k.Active, k.Facilitator},
		{k.StateNext, k.StatePrev, k.Carry, k.NextSection, k.PrevSection},
	}
}

// filterHelp is b with another description.
func (p Model) filterHelp(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// formHelp lists the keys of the focused form field.
func (p Model) formHelp() []key.Binding {
	k := p.form.keys
	out := []key.Binding{k.NextField, k.PrevField}
	if len(p.form.fields) == 0 {
		return append(out, k.Cancel)
	}
	switch p.form.fields[p.form.focus].kind {
	case fieldLines:
		// The keys special to this field first: the footer keeps what fits.
		ik := ui.NewInputKeys()
		return []key.Binding{k.Save, ik.Newline, ui.Relabel(ik.External, "ctrl+o", "$EDITOR"), k.Cancel, k.NextField, k.PrevField}
	case fieldPick:
		out = append(out, k.Choose, k.Save)
	case fieldToggle:
		out = append(out, k.Toggle, k.Save)
	case fieldCycle:
		out = append(out, k.Cycle, k.Save)
	default:
		out = append(out, k.Save)
	}
	return append(out, k.Cancel)
}
