package cli

// checkMember refuses a --as (or ALIGN_MEMBER) naming no active member,
// by the rule of every command (actingMember), before align prints the
// status instead of opening the TUI.
func (a *app) checkMember() error {
	if h, _ := a.actingGiven(); h == "" {
		return nil
	}
	st, err := a.open(true)
	if err != nil {
		return err
	}
	defer st.Close()
	_, _, err = a.actingMember(st)
	return err
}
