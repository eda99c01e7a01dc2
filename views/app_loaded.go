package views

// Loaded reports whether the app has drawn its first load (the screens show
// the workspace rather than "loading…").
func (a App) Loaded() bool { return a.loaded }
