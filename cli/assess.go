package cli

import (
	"cmp"
	"fmt"

	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

// defaultConfidence is the confidence saved when --confidence is not given.
const defaultConfidence = 3

func (a *app) assessCmd() *cobra.Command {
	var sprint, objective, note string
	var progress, confidence int
	var abstain, clear bool
	var round int
	cmd := &cobra.Command{
		Use:   "assess --as HANDLE --objective O --progress N [--confidence C] [--note TEXT] [--abstain | --clear] [--sprint S]",
		Short: "Save a member's estimate of an objective's progress",
		Long: `Save how far a member thinks the team got on one objective: progress 0–100,
confidence 1–5 (default 3) and a short note; or --abstain when the objective
is not their area. Assessing the same objective again replaces the estimate.
Estimates first saved while the sprint is in review are marked late.
Once an objective is revealed its round 1 is sealed; after the discussion the
facilitator may open round 2 (align round open), estimated with --round 2.
--clear withdraws the member's estimate: the objective is unanswered again.`,
		Example: `  align assess --as ana --objective "Checkout in three steps" --progress 60 --confidence 4 --note "payment done, address step left"
  ALIGN_MEMBER=bo align assess --objective "Faster search" --abstain
  align assess --as ana --objective "Faster search" --clear
  align assess --as ana --objective "Faster search" --round 2 --progress 55`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			setProgress := cmd.Flags().Changed("progress")
			if err := cmp.Or(checkAssessFlags(objective, abstain, clear, setProgress, progress, confidence), checkRound(round)); err != nil {
				return err
			}
			st, err := a.open(false)
			if err != nil {
				return err
			}
			defer st.Close()
			m, err := a.requiredMember(st)
			if err != nil {
				return err
			}
			d, err := a.loadSprint(st, sprint)
			if err != nil {
				return err
			}
			o, err := resolveObjective(objective, d.Objectives)
			if err != nil {
				return err
			}
			if !model.CanAssess(d.Sprint.State) {
				return fmt.Errorf("sprint %q is closed: estimates can no longer change", d.Sprint.Name)
			}
			if clear {
				return a.clearAssessment(st, d, o, m, round == 2)
			}
			// With no ID the store saves over the member's earlier estimate
			// of the objective, and marks a first estimate in review late.
			as := model.Assessment{SprintID: d.Sprint.ID, ObjectiveID: o.ID, MemberID: m.ID, Round2: round == 2}
			as.Abstain, as.Note, as.Submitted = abstain, note, true
			as.Progress, as.Confidence = progress, confidence
			if abstain {
				as.Progress, as.Confidence = 0, 0
			}
			saved, err := st.SaveAssessment(as)
			if err != nil {
				return writeError(err)
			}
			a.printSavedEstimate(m, o, saved, d)
			if saved.Late {
				a.hint("the sprint is already in review, so this estimate is marked late")
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	f.StringVar(&objective, "objective", "", "the objective: title or id (required)")
	f.IntVar(&progress, "progress", 0, "how far the team got, 0–100")
	f.IntVar(&confidence, "confidence", defaultConfidence, "how sure you are, 1–5")
	f.StringVar(&note, "note", "", "a short reason, shown in the review")
	f.BoolVar(&abstain, "abstain", false, "not my area: give no estimate")
	f.BoolVar(&clear, "clear", false, "withdraw the estimate: the objective is unanswered again")
	f.IntVar(&round, "round", 1, "the round: 1, or 2 once the facilitator opened it (align round open)")
	return cmd
}

// checkRound refuses a --round that is neither 1 nor 2.
func checkRound(round int) error {
	if round != 1 && round != 2 {
		return fmt.Errorf("--round %d: an estimate is of round 1 or round 2", round)
	}
	return nil
}

// checkAssessFlags refuses flag combinations that make no estimate.
func checkAssessFlags(objective string, abstain, clear, setProgress bool, progress, confidence int) error {
	switch {
	case objective == "":
		return fmt.Errorf("--objective is required: the title or id of the objective (see `align objective list`)")
	case clear && (abstain || setProgress):
		return fmt.Errorf("--clear withdraws the estimate: it excludes --progress and --abstain")
	case abstain && setProgress:
		return fmt.Errorf("--abstain and --progress exclude each other: abstaining means giving no estimate")
	case !abstain && !setProgress && !clear:
		return fmt.Errorf("--progress is required (0–100), or pass --abstain when the objective is not your area")
	case progress < 0 || progress > 100:
		return fmt.Errorf("--progress %d is outside 0–100", progress)
	case confidence < 1 || confidence > 5:
		return fmt.Errorf("--confidence %d is outside 1–5", confidence)
	}
	return nil
}
