package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

func (a *app) roundScoresCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "scores",
		Short: "Score each member's sealed first-round estimates against what the room agreed and what the stories said",
		Long: `Score every member's first-round estimates, the private ones sealed at the
reveal, over every sprint: the mean of (estimate − reference) and of its
absolute value against the agreed value, and against the share of the
objective's stories done at the end of the sprint (closed sprints), and, for
objectives carried into a later sprint, against the baseline recorded there:
the value the team carried it with for the end of this sprint. A score
shows once it rests on 5 estimates; the count is beside it. Below, the team's
mean gap against the agreed values by confidence level, to see whether
confidence means anything.`,
		Example: `  align round scores`,
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			st, err := a.open(true)
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := st.Dataset(store.DatasetOptions{})
			if err != nil {
				return err
			}
			ms, byConf := model.Scores(d.Sprints, d.Members)
			return writeScores(a.out(), ms, byConf)
		},
	}
}

// writeScores renders the scores as plain text.
func writeScores(w io.Writer, ms []model.MemberScores, byConf []model.ConfidenceScore) error {
	var b strings.Builder
	fmt.Fprintf(&b, "First-round estimates, mean of estimate − reference (|mean gap|, count); shown from %d estimates\n\n", model.MinScored)
	fmt.Fprintf(&b, "%-12s %-26s %-26s %s\n", "Member", "vs agreed", "vs stories at sprint end", "vs baseline when carried")
	for _, m := range ms {
		fmt.Fprintf(&b, "%-12s %-26s %-26s %s\n", m.Handle, scoreText(m.Agreed), scoreText(m.Evidence), scoreText(m.Carried))
	}
	if len(ms) == 0 {
		b.WriteString("No first-round estimates yet.\n")
	}
	if len(byConf) > 0 {
		b.WriteString("\nTeam, vs agreed, by confidence:\n")
		for _, c := range byConf {
			fmt.Fprintf(&b, "  confidence %d: %s\n", c.Confidence, scoreText(c.Score))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func scoreText(s model.Score) string {
	if !s.Shown() {
		return fmt.Sprintf("— (%d of %d)", s.Count, model.MinScored)
	}
	return fmt.Sprintf("%+.1f (|%.1f|, %d)", s.MeanGap, s.MeanAbsGap, s.Count)
}

// rankBySetting is `align config rank-by raw|adjusted`.
var rankBySetting = setting{"rank-by", "every agenda (status, Review, markdown export) is ranked by the raw spread, or adjusted: net of each member's usual offset (raw or adjusted)",
	func(w store.Workspace) string {
		if w.Settings.RankByAdjusted {
			return "adjusted"
		}
		return "raw"
	},
	func(w *store.Workspace, v string) error {
		switch strings.TrimSpace(v) {
		case "raw":
			w.Settings.RankByAdjusted = false
		case "adjusted":
			w.Settings.RankByAdjusted = true
		default:
			return fmt.Errorf("rank-by %q is not raw or adjusted", v)
		}
		return nil
	}}

// pastOffsets returns the members' usual offsets over the
// model.OffsetWindow sprints started before sprint this: the habit is what
// they did before.
func pastOffsets(st *store.Store, this uuid.UUID) (map[uuid.UUID]float64, error) {
	past, err := st.SprintsBefore(this, model.OffsetWindow)
	if err != nil {
		return nil, err
	}
	ms, err := liveMembers(st)
	if err != nil {
		return nil, err
	}
	return model.PastOffsets(past, ms), nil
}
