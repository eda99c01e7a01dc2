package ui

// Screen names one of the app's screens; the values are the tab order.
type Screen int

// The screens, in tab order; ScreenCount is their number.
const (
	ScreenDashboard Screen = iota
	ScreenAssess
	ScreenReview
	ScreenPlan
	ScreenHistory
	ScreenCount
)

// String is the screen's tab title.
func (s Screen) String() string {
	switch s {
	case ScreenDashboard:
		return "Dashboard"
	case ScreenAssess:
		return "Assess"
	case ScreenReview:
		return "Review"
	case ScreenPlan:
		return "Plan"
	case ScreenHistory:
		return "History"
	}
	return "?"
}
