package views

import (
	"strings"

	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// helpKeys adapts a screen's bindings plus the global ones to help.KeyMap.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (h helpKeys) ShortHelp() []key.Binding { return h.short }

// FullHelp implements help.KeyMap.
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// helpKeys gathers the active screen's bindings, then the global ones.
func (a App) helpKeys() helpKeys {
	var short []key.Binding
	var full [][]key.Binding
	switch a.screen {
	case ui.ScreenDashboard:
		short, full = a.dashboardScreen.ShortHelp(), a.dashboardScreen.FullHelp()
	case ui.ScreenAssess:
		short, full = a.assessScreen.ShortHelp(), a.assessScreen.FullHelp()
	case ui.ScreenReview:
		short, full = a.reviewScreen.ShortHelp(), a.reviewScreen.FullHelp()
	case ui.ScreenPlan:
		short, full = a.planScreen.ShortHelp(), a.planScreen.FullHelp()
	case ui.ScreenHistory:
		short, full = a.historyScreen.ShortHelp(), a.historyScreen.FullHelp()
	}
	k := a.keys
	if a.fullHelp {
		k.Help = ui.Relabel(k.Help, "?", "close help")
	}
	if a.capturing() {
		return helpKeys{short: append(short, k.ForceQuit), full: append(full, []key.Binding{k.ForceQuit})}
	}
	short = append(short, k.Help, k.Quit)
	screens := []key.Binding{k.Dashboard, k.Assess, k.Review, k.Plan, k.History}
	if a.screen == ui.ScreenAssess {
		screens = nil // digits type the progress here
	}
	full = append(full, screens,
		[]key.Binding{k.Next, k.Prev, k.Back, k.Help, k.Quit, k.ForceQuit})
	return helpKeys{short: short, full: full}
}

// helpView renders the short or full help for the current width.
func (a App) helpView() string {
	k := a.helpKeys()
	if a.fullHelp {
		return fullHelpView(a.deps.Styles, k.full, a.width)
	}
	tail := []key.Binding{k.short[len(k.short)-2], a.keys.Quit}
	if a.capturing() {
		tail = []key.Binding{a.keys.ForceQuit}
	}
	own := k.short[:len(k.short)-len(tail)]
	if a.screen == ui.ScreenAssess && !a.capturing() {
		// Digits type here, so say how to reach the other screens.
		tail = append([]key.Binding{ui.Relabel(a.keys.Next, "tab", "screens")}, tail...)
	}
	return shortHelpView(a.deps.Styles, own, tail, a.width)
}

// shortHelpView renders one line: as many of the screen's bindings as fit
// in w, in order, then always tail ("? more keys", "q quit"), so that the
// way to every other key stays visible at any width.
func shortHelpView(s ui.Styles, screen, tail []key.Binding, w int) string {
	hs := s.Help
	sep := hs.ShortSeparator.Render(" • ")
	item := func(b key.Binding) string {
		return hs.ShortKey.Render(b.Help().Key) + " " + hs.ShortDesc.Render(b.Help().Desc)
	}
	var end []string
	for _, b := range tail {
		if b.Enabled() {
			end = append(end, item(b))
		}
	}
	tailText := strings.Join(end, sep)
	used := lipgloss.Width(tailText)
	var out []string
	for _, b := range screen {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		it := item(b)
		if used+lipgloss.Width(it)+lipgloss.Width(sep) > w {
			break
		}
		out = append(out, it)
		used += lipgloss.Width(it) + lipgloss.Width(sep)
	}
	return ui.Truncate(strings.Join(append(out, tailText), sep), w)
}

// fullHelpView lays every enabled binding of groups out in as few rows as
// fit w: columns filled top to bottom, each as wide as its widest entry,
// so that no binding is cut off at 80 columns. Duplicates show once.
func fullHelpView(s ui.Styles, groups [][]key.Binding, w int) string {
	hs := s.Help
	var items []key.Binding
	seen := map[string]bool{}
	for _, g := range groups {
		for _, b := range g {
			h := b.Help()
			id := h.Key + "\x00" + h.Desc
			if !b.Enabled() || h.Key == "" || seen[id] {
				continue
			}
			seen[id] = true
			items = append(items, b)
		}
	}
	if len(items) == 0 {
		return ""
	}
	const gap = 3
	type col struct{ keyW, descW int }
	layout := func(rows int) ([]col, int) {
		var cols []col
		total := 0
		for start := 0; start < len(items); start += rows {
			var c col
			for _, b := range items[start:min(len(items), start+rows)] {
				c.keyW = max(c.keyW, lipgloss.Width(b.Help().Key))
				c.descW = max(c.descW, lipgloss.Width(b.Help().Desc))
			}
			if len(cols) > 0 {
				total += gap
			}
			total += c.keyW + 1 + c.descW
			cols = append(cols, c)
		}
		return cols, total
	}
	rows := 1
	cols, total := layout(rows)
	for total > w && rows < len(items) {
		rows++
		cols, total = layout(rows)
	}
	lines := make([]string, rows)
	for ci, c := range cols {
		for r := 0; r < rows; r++ {
			i := ci*rows + r
			if i >= len(items) {
				break
			}
			h := items[i].Help()
			cell := hs.FullKey.Render(ui.PadRight(h.Key, c.keyW)) + " " + hs.FullDesc.Render(ui.PadRight(h.Desc, c.descW))
			if ci > 0 {
				cell = strings.Repeat(" ", gap) + cell
			}
			lines[r] += cell
		}
	}
	for i := range lines {
		lines[i] = ui.Truncate(strings.TrimRight(lines[i], " "), w)
	}
	return strings.Join(lines, "\n")
}

// headerView renders the tabs and, on the right, the team and sprint.
func (a App) headerView() string {
	s := a.deps.Styles
	var tabs []string
	for i := ui.Screen(0); i < ui.ScreenCount; i++ {
		label := string(rune('1'+i)) + " " + i.String()
		tabs = append(tabs, s.Tabbed(label, i == a.screen))
	}
	left := lipgloss.JoinHorizontal(lipgloss.Top, tabs...)
	room := a.width - lipgloss.Width(left) - 1
	info := a.headerInfo(room)
	if room >= 8 && info != "" {
		info = ui.Truncate(info, room)
		gap := a.width - lipgloss.Width(left) - lipgloss.Width(info)
		return s.Header.Render(left + strings.Repeat(" ", gap) + s.Faint.Render(info))
	}
	return s.Header.Render(left)
}

// headerInfo is the right side of the header in at most room cells when it
// can: the sprint on show first (marked when it is not the current one, as
// Plan can choose another), its state, then the team, which goes first
// when room is short.
func (a App) headerInfo(room int) string {
	if !a.loaded {
		return "loading…"
	}
	team := a.data.Workspace.Team
	if !a.data.HasSprint {
		return team
	}
	sp := a.data.Sprint.Sprint
	info := sp.Name
	if !a.data.Current {
		info += " (not current)"
	}
	info += " · " + string(sp.State)
	if team != "" && lipgloss.Width(info+" · "+team) <= room {
		info += " · " + team
	}
	return info
}

// headerHeight is the number of lines above the screen's content.
func (a App) headerHeight() int { return lipgloss.Height(a.headerView()) }

// tabAt returns the screen whose tab covers column x of the header.
func (a App) tabAt(x int) (ui.Screen, bool) {
	s := a.deps.Styles
	pos := 0
	for i := ui.Screen(0); i < ui.ScreenCount; i++ {
		label := string(rune('1'+i)) + " " + i.String()
		w := lipgloss.Width(s.Tabbed(label, i == a.screen))
		if x >= pos && x < pos+w {
			return i, true
		}
		pos += w
	}
	return 0, false
}

// footerView renders the footer line: an error, a confirmation, or nothing.
func (a App) footerView() string {
	s := a.deps.Styles
	if a.footer == "" {
		return ""
	}
	if a.footerErr {
		return s.FooterErr.Render(ui.Truncate("✗ "+a.footer, a.width))
	}
	return s.Footer.Render(ui.Truncate(a.footer, a.width))
}

// footerHeight is the footer's one line.
const footerHeight = 1

// contentSize is what remains for the active screen: the terminal minus the
// header, the footer line and the help.
func (a App) contentSize(w, h int) (int, int) {
	ch := h - a.headerHeight() - footerHeight - lipgloss.Height(a.helpView())
	if ch < 0 {
		ch = 0
	}
	if w < 0 {
		w = 0
	}
	return w, ch
}

// resize records the terminal size and gives every screen its content size.
func (a App) resize(w, h int) App {
	a.width, a.height = w, h
	a.help.Width = w
	cw, ch := a.contentSize(w, h)
	a.dashboardScreen = a.dashboardScreen.SetSize(cw, ch)
	a.assessScreen = a.assessScreen.SetSize(cw, ch)
	a.reviewScreen = a.reviewScreen.SetSize(cw, ch)
	a.planScreen = a.planScreen.SetSize(cw, ch)
	a.historyScreen = a.historyScreen.SetSize(cw, ch)
	return a
}

// View implements tea.Model. It only renders state computed in Update.
func (a App) View() string {
	if ui.TooSmallFor(a.width, a.height) {
		return ui.Fit(ui.TooSmall(a.width), a.width, a.height)
	}
	var body string
	switch a.screen {
	case ui.ScreenDashboard:
		body = a.dashboardScreen.View()
	case ui.ScreenAssess:
		body = a.assessScreen.View()
	case ui.ScreenReview:
		body = a.reviewScreen.View()
	case ui.ScreenPlan:
		body = a.planScreen.View()
	case ui.ScreenHistory:
		body = a.historyScreen.View()
	}
	// The same sum as contentSize, with the header and help rendered once.
	header, help := a.headerView(), a.helpView()
	ch := max(0, a.height-lipgloss.Height(header)-footerHeight-lipgloss.Height(help))
	body = a.deps.Styles.Plain.Height(ch).MaxHeight(ch).Render(ui.Fit(body, a.width, ch))
	out := strings.Join([]string{header, body, a.footerView(), help}, "\n")
	return ui.Fit(out, a.width, a.height)
}
