package ui

import (
	"github.com/align-team/align/model"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// Semantic colours, each readable on dark and light backgrounds. Screens
// never name a colour: they use the Styles built from these.
var (
	colorText      = lipgloss.AdaptiveColor{Light: "#1a1a1a", Dark: "#eeeeee"}
	colorFaint     = lipgloss.AdaptiveColor{Light: "#6b6b6b", Dark: "#8f8f8f"}
	colorAccent    = lipgloss.AdaptiveColor{Light: "#2f3fbf", Dark: "#8fa4ff"}
	colorError     = lipgloss.AdaptiveColor{Light: "#b00020", Dark: "#ff6b6b"}
	colorSuccess   = lipgloss.AdaptiveColor{Light: "#1b7a33", Dark: "#6bd68a"}
	colorAligned   = lipgloss.AdaptiveColor{Light: "#1b7a33", Dark: "#6bd68a"}
	colorDivergent = lipgloss.AdaptiveColor{Light: "#9a6200", Dark: "#ffc25c"}
	colorSplit     = lipgloss.AdaptiveColor{Light: "#b00020", Dark: "#ff6b6b"}
	colorSelectBg  = lipgloss.AdaptiveColor{Light: "#dde3ff", Dark: "#2c3566"}
	colorBorder    = lipgloss.AdaptiveColor{Light: "#9a9a9a", Dark: "#5c5c5c"}
)

// Styles is every style the views use, built once from one renderer so that
// each session (a local terminal, or later one SSH connection) gets colours
// for its own terminal. The renderer's colour profile decides whether colour
// is emitted at all: NO_COLOR gives the ASCII profile and plain text.
//
// Styles is a handle to one styleSet, whose fields it promotes (s.Title,
// s.Help): copies share the set, which nothing changes after NewStyles. A
// set is about 16 KB, and every screen, editor and form holds the styles
// while Bubble Tea copies the models by value on each message and frame;
// holding the set by value made the root model 270 KB and each frame copy
// it several times.
type Styles struct{ *styleSet }

// styleSet holds the styles themselves; see Styles.
type styleSet struct {
	Plain    lipgloss.Style // no decoration, bound to the renderer
	Text     lipgloss.Style
	Faint    lipgloss.Style
	Bold     lipgloss.Style
	Accent   lipgloss.Style
	Error    lipgloss.Style
	Success  lipgloss.Style
	Title    lipgloss.Style // screen and section titles
	Selected lipgloss.Style // the row under the cursor
	Cursor   lipgloss.Style // the text cursor in an editor
	Panel    lipgloss.Style // a bordered box around a pane

	Tab       lipgloss.Style // an inactive screen tab
	ActiveTab lipgloss.Style // the current screen's tab; see Styles.Tabbed
	Header    lipgloss.Style // the line holding the tabs
	Footer    lipgloss.Style // confirmations and hints
	FooterErr lipgloss.Style // errors

	Aligned   lipgloss.Style
	Divergent lipgloss.Style
	Split     lipgloss.Style
	NoLevel   lipgloss.Style

	BarFull  lipgloss.Style // the filled part of a progress bar
	BarEmpty lipgloss.Style // the rest of it
	Marker   lipgloss.Style // evidence and reference markers on an axis

	Help help.Styles
}

// NewStyles builds the styles for r. Call it after the renderer knows the
// terminal's background (see cli's runTUI), never per frame.
func NewStyles(r *lipgloss.Renderer) Styles {
	n := r.NewStyle
	s := Styles{&styleSet{
		Plain:     n(),
		Text:      n().Foreground(colorText),
		Faint:     n().Foreground(colorFaint),
		Bold:      n().Foreground(colorText).Bold(true),
		Accent:    n().Foreground(colorAccent).Bold(true),
		Error:     n().Foreground(colorError).Bold(true),
		Success:   n().Foreground(colorSuccess),
		Title:     n().Foreground(colorAccent).Bold(true),
		Selected:  n().Background(colorSelectBg).Foreground(colorText).Bold(true),
		Cursor:    n().Reverse(true),
		Panel:     n().Border(lipgloss.RoundedBorder()).BorderForeground(colorBorder).Padding(0, 1),
		Tab:       n().Foreground(colorFaint).Padding(0, 1),
		ActiveTab: n().Foreground(colorAccent).Bold(true).Underline(true),
		Header:    n(),
		Footer:    n().Foreground(colorSuccess),
		FooterErr: n().Foreground(colorError).Bold(true),
		Aligned:   n().Foreground(colorAligned).Bold(true),
		Divergent: n().Foreground(colorDivergent).Bold(true),
		Split:     n().Foreground(colorSplit).Bold(true),
		NoLevel:   n().Foreground(colorFaint),
		BarFull:   n().Foreground(colorAccent),
		BarEmpty:  n().Foreground(colorFaint),
		Marker:    n().Foreground(colorDivergent).Bold(true),
	}}
	s.Help = help.Styles{
		Ellipsis:       n().Foreground(colorFaint),
		ShortKey:       n().Foreground(colorAccent),
		ShortDesc:      n().Foreground(colorFaint),
		ShortSeparator: n().Foreground(colorBorder),
		FullKey:        n().Foreground(colorAccent),
		FullDesc:       n().Foreground(colorFaint),
		FullSeparator:  n().Foreground(colorBorder),
	}
	return s
}

// Tabbed renders a tab label: the active one in brackets, "[1 Dashboard]",
// the others padded to the same width, so that the active tab shows
// without colour (NO_COLOR) too.
func (s Styles) Tabbed(label string, active bool) string {
	if active {
		return s.ActiveTab.Render("[" + label + "]")
	}
	return s.Tab.Render(label)
}

// Level returns the style of a disagreement level.
func (s Styles) Level(l model.Level) lipgloss.Style {
	switch l {
	case model.LevelAligned:
		return s.Aligned
	case model.LevelDivergent:
		return s.Divergent
	case model.LevelSplit:
		return s.Split
	default:
		return s.NoLevel
	}
}

// LevelLabel is a level as symbol and word, so that it reads without colour.
func LevelLabel(l model.Level) string {
	switch l {
	case model.LevelAligned:
		return "✓ aligned"
	case model.LevelDivergent:
		return "≈ divergent"
	case model.LevelSplit:
		return "✗ split"
	default:
		return "· n/a"
	}
}

// LevelLabelWidth is the widest LevelLabel, for aligned columns.
const LevelLabelWidth = 11
