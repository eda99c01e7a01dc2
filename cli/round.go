package cli

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

func (a *app) roundCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "round",
		Short: "Reveal an objective's estimates, and run a second, private round after the discussion",
		Long: `An objective's estimates are collected in rounds. Round 1 is every member's
private estimate; revealing it shows the spread and seals it: from then on
round 1 never changes. After the discussion the facilitator may open round 2:
each member re-estimates privately (align assess --round 2), seeing only their
own first value, and the facilitator reveals round 2 when everyone is done.
A member who gives no second estimate keeps their first.`,
		Example: `  align round reveal "Faster search"            # round 1: show the spread, seal it
  align round open "Faster search"              # after the discussion
  align assess --as bo --objective "Faster search" --round 2 --progress 55
  align round reveal "Faster search"            # round 2 (once open)`,
	}
	return group(cmd, a.roundOpenCmd(), a.roundRevealCmd(), a.roundUncertainCmd(), a.roundScoresCmd())
}

func (a *app) roundOpenCmd() *cobra.Command {
	var sprint string
	cmd := &cobra.Command{
		Use:   "open OBJECTIVE [--sprint S]",
		Short: "Open a second, private round of estimates on a revealed objective",
		Example: `  align round open "Faster search"
  align round open 0190f3 --sprint "Sprint 14"`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return a.changeRound(sprint, args[0], func(o model.Outcome, title string) (model.Outcome, string, error) {
				o, err := model.OpenRound2(o, title)
				return o, fmt.Sprintf("Round 2 is open on %q: members re-estimate with `align assess --round 2`.", title), err
			})
		},
	}
	cmd.Flags().StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	return cmd
}

func (a *app) roundRevealCmd() *cobra.Command {
	var sprint string
	var round int
	cmd := &cobra.Command{
		Use:   "reveal OBJECTIVE [--round 1|2] [--sprint S]",
		Short: "Reveal an objective's estimates: round 1, or round 2 once it is open",
		Long: `Reveal an objective's estimates to the room. Without --round, reveals round 2
when it is open and round 1 otherwise. Revealing round 1 seals it for good.`,
		Example: `  align round reveal "Faster search"
  align round reveal "Faster search" --round 2`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("round") && round != 1 && round != 2 {
				return fmt.Errorf("--round %d: an objective has round 1 and round 2", round)
			}
			return a.changeRound(sprint, args[0], func(o model.Outcome, title string) (model.Outcome, string, error) {
				if round == 2 || (round == 0 && o.Round2Open) {
					o, err := model.RevealRound2(o, title)
					return o, fmt.Sprintf("Revealed round 2 of %q.", title), err
				}
				if model.Round1Sealed(o) && o.Revealed {
					return o, "", &model.RoundError{Msg: fmt.Sprintf("round 1 of %q is already revealed", title)}
				}
				o.Revealed = true
				return o, fmt.Sprintf("Revealed round 1 of %q: it is sealed now.", title), nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	f.IntVar(&round, "round", 0, "the round to reveal: 1 or 2 (default: 2 when open, else 1)")
	return cmd
}

// changeRound applies change to the outcome of objective ref in sprint
// sprintRef, which must be in review, and saves it.
func (a *app) changeRound(sprintRef, ref string, change func(model.Outcome, string) (model.Outcome, string, error)) error {
	st, err := a.open(false)
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := a.loadSprint(st, sprintRef)
	if err != nil {
		return err
	}
	obj, err := resolveObjective(ref, d.Objectives)
	if err != nil {
		return err
	}
	if d.Sprint.State != model.StateReview {
		return fmt.Errorf("sprint %q is in %s: rounds are revealed in the review; move it with `align sprint state current review`", d.Sprint.Name, d.Sprint.State)
	}
	return a.saveRound(st, d, obj, change)
}

func (a *app) saveRound(st *store.Store, d model.SprintData, obj model.Objective, change func(model.Outcome, string) (model.Outcome, string, error)) error {
	o := model.Outcome{SprintID: d.Sprint.ID, ObjectiveID: obj.ID}
	for _, x := range d.Outcomes {
		if x.ObjectiveID == obj.ID {
			o = x
		}
	}
	o, msg, err := change(o, obj.Title)
	if err != nil {
		return err
	}
	if _, err := st.SaveOutcome(o); err != nil {
		return writeError(err)
	}
	fmt.Fprintln(a.out(), msg)
	return nil
}

// printSavedEstimate says what align assess saved; a second-round estimate
// is shown beside the member's first.
func (a *app) printSavedEstimate(m model.Member, o model.Objective, saved model.Assessment, d model.SprintData) {
	round := ""
	if saved.Round2 {
		round = " in round 2"
		for _, x := range d.Assessments {
			if x.ObjectiveID == o.ID && x.MemberID == m.ID && !x.Abstain {
				round = fmt.Sprintf(" in round 2 (round 1: %d%%)", x.Progress)
			}
		}
	}
	if saved.Abstain {
		fmt.Fprintf(a.out(), "Saved in sprint %q: %s abstains on %q%s.\n", d.Sprint.Name, m.Handle, o.Title, round)
		return
	}
	fmt.Fprintf(a.out(), "Saved %s's estimate for %q in sprint %q%s: %d%% (confidence %d).\n", m.Handle, o.Title, d.Sprint.Name, round, saved.Progress, saved.Confidence)
}

func (a *app) roundUncertainCmd() *cobra.Command {
	var sprint, question, owner string
	cmd := &cobra.Command{
		Use:   "uncertain OBJECTIVE --question TEXT [--owner HANDLE] [--sprint S]",
		Short: "Close a revealed objective as \"uncertain: needs information\", with the question to answer",
		Long: `When the team still disagrees after the discussion, record that it does not
know rather than a number nobody believes: the objective closes as
"uncertain: needs information", with the question that would settle it and
the member who will find out. Any agreed value is cleared; agreeing on a number
later (v on the Review) replaces the uncertain close.`,
		Example: `  align round uncertain "Checkout works offline" --question "Does the queue survive a real train ride?" --owner mateo`,
		Args:    cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if strings.TrimSpace(question) == "" {
				return fmt.Errorf("--question is required: what the team needs to find out")
			}
			return a.changeRoundWith(sprint, args[0], owner, func(o model.Outcome, title string, ownerID uuid.UUID, ownerHandle string) (model.Outcome, string, error) {
				o, err := model.MarkUncertain(o, title, question, ownerID)
				return o, fmt.Sprintf("%q is uncertain: needs information (%s).", title, ownerHandle), err
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	f.StringVar(&question, "question", "", "the question whose answer would settle the estimate (required)")
	f.StringVar(&owner, "owner", "", "the handle of the member who will find out")
	return cmd
}

// changeRoundWith is changeRound with the member --owner names resolved.
func (a *app) changeRoundWith(sprintRef, ref, owner string, change func(model.Outcome, string, uuid.UUID, string) (model.Outcome, string, error)) error {
	id, handle := uuid.Nil, "unowned"
	if owner != "" {
		st, err := a.open(true)
		if err != nil {
			return err
		}
		ms, err := liveMembers(st)
		st.Close()
		if err != nil {
			return err
		}
		m, err := resolveMember(owner, ms)
		if err != nil {
			return err
		}
		id, handle = m.ID, "asks "+m.Handle
	}
	return a.changeRound(sprintRef, ref, func(o model.Outcome, title string) (model.Outcome, string, error) {
		return change(o, title, id, handle)
	})
}
