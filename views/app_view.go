package views

import (
	"strings"

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
	case screenDashboard:
		short, full = a.dashboardScreen.ShortHelp(), a.dashboardScreen.FullHelp()
	case screenAssess:
		short, full = a.assessScreen.ShortHelp(), a.assessScreen.FullHelp()
	case screenReview:
		short, full = a.reviewScreen.ShortHelp(), a.reviewScreen.FullHelp()
	case screenPlan:
		short, full = a.planScreen.ShortHelp(), a.planScreen.FullHelp()
	case screenHistory:
		short, full = a.historyScreen.ShortHelp(), a.historyScreen.FullHelp()
	}
	k := a.keys
	if a.capturing() {
		return helpKeys{short: append(short, k.ForceQuit), full: append(full, []key.Binding{k.ForceQuit})}
	}
	short = append(short, k.Help, k.Quit)
	full = append(full,
		[]key.Binding{k.Dashboard, k.Assess, k.Review, k.Plan, k.History},
		[]key.Binding{k.Next, k.Prev, k.Back, k.Help, k.Quit, k.ForceQuit})
	return helpKeys{short: short, full: full}
}

// helpView renders the short or full help for the current width.
func (a App) helpView() string {
	h := a.help
	h.Width = a.width
	h.ShowAll = a.fullHelp
	return h.View(a.helpKeys())
}

// headerView renders the tabs and, on the right, the team and sprint.
func (a App) headerView() string {
	s := a.deps.styles
	var tabs []string
	for i := screen(0); i < screenCount; i++ {
		label := string(rune('1'+i)) + " " + i.String()
		if i == a.screen {
			tabs = append(tabs, s.ActiveTab.Render(label))
		} else {
			tabs = append(tabs, s.Tab.Render(label))
		}
	}
	left := lipgloss.JoinHorizontal(lipgloss.Top, tabs...)
	var info string
	if a.loaded {
		info = a.data.Workspace.Team
		if a.data.HasSprint {
			if info != "" {
				info += " · "
			}
			info += a.data.Sprint.Sprint.Name + " · " + string(a.data.Sprint.Sprint.State)
		}
	} else {
		info = "loading…"
	}
	room := a.width - lipgloss.Width(left) - 1
	if room >= 8 && info != "" {
		info = truncate(info, room)
		gap := a.width - lipgloss.Width(left) - lipgloss.Width(info)
		return s.Header.Render(left + strings.Repeat(" ", gap) + s.Faint.Render(info))
	}
	return s.Header.Render(left)
}

// headerHeight is the number of lines above the screen's content.
func (a App) headerHeight() int { return lipgloss.Height(a.headerView()) }

// tabAt returns the screen whose tab covers column x of the header.
func (a App) tabAt(x int) (screen, bool) {
	s := a.deps.styles
	pos := 0
	for i := screen(0); i < screenCount; i++ {
		label := string(rune('1'+i)) + " " + i.String()
		w := lipgloss.Width(s.Tab.Render(label))
		if i == a.screen {
			w = lipgloss.Width(s.ActiveTab.Render(label))
		}
		if x >= pos && x < pos+w {
			return i, true
		}
		pos += w
	}
	return 0, false
}

// footerView renders the footer line: an error, a confirmation, or nothing.
func (a App) footerView() string {
	s := a.deps.styles
	if a.footer == "" {
		return ""
	}
	if a.footerErr {
		return s.FooterErr.Render(truncate("✗ "+a.footer, a.width))
	}
	return s.Footer.Render(truncate(a.footer, a.width))
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
	if a.width < minWidth || a.height < minHeight {
		return fit(tooSmall(), a.width, a.height)
	}
	var body string
	switch a.screen {
	case screenDashboard:
		body = a.dashboardScreen.View()
	case screenAssess:
		body = a.assessScreen.View()
	case screenReview:
		body = a.reviewScreen.View()
	case screenPlan:
		body = a.planScreen.View()
	case screenHistory:
		body = a.historyScreen.View()
	}
	// The same sum as contentSize, with the header and help rendered once.
	header, help := a.headerView(), a.helpView()
	ch := max(0, a.height-lipgloss.Height(header)-footerHeight-lipgloss.Height(help))
	body = a.deps.styles.Plain.Height(ch).MaxHeight(ch).Render(fit(body, a.width, ch))
	out := strings.Join([]string{header, body, a.footerView(), help}, "\n")
	return fit(out, a.width, a.height)
}
