package cli

// checkMember refuses a --as (or ALIGN_MEMBER) naming no active member,
// before align prints the status instead of opening the TUI.
func (a *app) checkMember() error {
	as := a.member()
	if as == "" {
		return nil
	}
	st, err := a.open(true)
	if err != nil {
		return err
	}
	defer st.Close()
	return checkHandle(st, as)
}
