package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
)

// setting is one key of `align config`: how to show it and how to set it.
type setting struct {
	key  string
	help string
	get  func(store.Workspace) string
	// set parses v into the workspace; the caller validates and saves.
	set func(ws *store.Workspace, v string) error
}

// settings lists the keys of `align config` in display order.
var settings = []setting{
	{"team", "the team's name, shown in reports",
		func(w store.Workspace) string { return w.Team },
		func(w *store.Workspace, v string) error { w.Team = v; return nil }},
	{"aligned-below", "a spread below this many points is aligned",
		func(w store.Workspace) string { return strconv.Itoa(w.Settings.AlignedBelow) },
		intSetter("aligned-below", func(s *model.Settings) *int { return &s.AlignedBelow })},
	{"split-at", "a spread of this many points or more is split (between the two: divergent)",
		func(w store.Workspace) string { return strconv.Itoa(w.Settings.SplitAt) },
		intSetter("split-at", func(s *model.Settings) *int { return &s.SplitAt })},
	{"outlier-distance", "an estimate this many points or more from the median is an outlier",
		func(w store.Workspace) string { return strconv.Itoa(w.Settings.OutlierDistance) },
		intSetter("outlier-distance", func(s *model.Settings) *int { return &s.OutlierDistance })},
	{"evidence-gap", "a gap this large between the median and the stories done raises a flag",
		func(w store.Workspace) string { return strconv.Itoa(w.Settings.EvidenceGap) },
		intSetter("evidence-gap", func(s *model.Settings) *int { return &s.EvidenceGap })},
	{"anonymous-reveal", "the review is anonymous: no names by estimates on any screen or in the markdown export (true or false)",
		func(w store.Workspace) string { return strconv.FormatBool(w.Settings.AnonymousReveal) },
		func(w *store.Workspace, v string) error {
			b, err := parseBool(v)
			if err != nil {
				return fmt.Errorf("anonymous-reveal %q is not true or false", v)
			}
			w.Settings.AnonymousReveal = b
			return nil
		}},
	{"require-signed-bundles", "align import refuses bundles without a valid signature by their author (true or false)",
		func(w store.Workspace) string { return strconv.FormatBool(w.Settings.RequireSignedBundles) },
		func(w *store.Workspace, v string) error {
			b, err := parseBool(v)
			if err != nil {
				return fmt.Errorf("require-signed-bundles %q is not true or false", v)
			}
			w.Settings.RequireSignedBundles = b
			return nil
		}},
	{"signing-key", "the private SSH key file align export signs bundles with (empty: ssh-agent)",
		func(w store.Workspace) string { return w.Settings.SigningKey },
		func(w *store.Workspace, v string) error { return setSigningKey(w, v) }},
	{"timebox-minutes", "minutes of discussion per objective before the review timer says OVER (0: no time box)",
		func(w store.Workspace) string { return strconv.Itoa(w.Settings.TimeboxMinutes) },
		intSetter("timebox-minutes", func(s *model.Settings) *int { return &s.TimeboxMinutes })},
	rankBySetting,
}

func intSetter(key string, field func(*model.Settings) *int) func(*store.Workspace, string) error {
	return func(w *store.Workspace, v string) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%s %q is not a whole number", key, v)
		}
		*field(&w.Settings) = n
		return nil
	}
}

// parseBool accepts the usual spellings of yes and no.
func parseBool(v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not true or false", v)
}

func findSetting(key string) (setting, error) {
	keys := make([]string, len(settings))
	for i, s := range settings {
		if s.key == strings.ToLower(key) {
			return s, nil
		}
		keys[i] = s.key
	}
	return setting{}, fmt.Errorf("%q is not a setting; use one of %s", key, strings.Join(keys, ", "))
}

// configLong is the help text of align config.
const configLong = `Show every setting, show one KEY, or set KEY to VALUE. The settings are
stored in the workspace, so the whole team shares them:

  team              the team's name, shown in reports
  aligned-below     a spread below this many points is aligned (default 15)
  split-at          a spread of this many points or more is split; between
                    the two it is divergent (default 30)
  outlier-distance  an estimate this many points or more from the median is
                    an outlier, with at least three responses (default 25)
  evidence-gap      a gap this large between the median and the share of
                    stories done raises a flag (default 30)
  anonymous-reveal  the review is anonymous: no names by estimates on any
                    screen or in the markdown export; x in the Review
                    switches it (false)
  require-signed-bundles
                    align import refuses a bundle that is not signed by its
                    author with a key registered here (false)
  signing-key       the private SSH key file (e.g. ~/.ssh/id_ed25519) that
                    align export signs JSON bundles with; empty (the default)
                    signs with the running ssh-agent when it holds one of
                    the author's registered keys
  timebox-minutes   minutes of discussion per objective; past them the
                    Review screen's timer turns to "OVER" (0: none, the
                    default)
  rank-by           raw (the default) or adjusted: status, the Review screen
                    and the markdown export rank the agenda by the spread
                    net of each member's usual offset`

// configExample is the examples of align config.
const configExample = `  align config
  align config split-at
  align config split-at 40
  align config anonymous-reveal true
  align config signing-key ~/.ssh/id_ed25519
  align config require-signed-bundles true
  align config timebox-minutes 8
  align config rank-by adjusted`

func (a *app) configCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "config [KEY [VALUE]]",
		Short:   "Show or change the workspace's settings",
		Long:    configLong,
		Example: configExample,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 2 {
				return fmt.Errorf("config takes at most KEY and VALUE, got %d arguments; quote values that contain spaces", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var s setting
			if len(args) > 0 {
				var err error
				if s, err = findSetting(args[0]); err != nil {
					return err
				}
			}
			st, err := a.open(len(args) < 2)
			if err != nil {
				return err
			}
			defer st.Close()
			ws, err := st.Workspace()
			if err != nil {
				return err
			}
			switch len(args) {
			case 0:
				w := table(a.out())
				for _, s := range settings {
					fmt.Fprintf(w, "%s\t%s\t# %s\n", s.key, s.get(ws), s.help)
				}
				return w.Flush()
			case 1:
				fmt.Fprintln(a.out(), s.get(ws))
				return nil
			}
			if err := s.set(&ws, args[1]); err != nil {
				return err
			}
			if s.key == "team" {
				err = st.SetTeam(ws.Team)
			} else if err = ws.Settings.Validate(); err == nil {
				err = st.SetSettings(ws.Settings)
			}
			if err != nil {
				return writeError(err)
			}
			fmt.Fprintf(a.out(), "%s = %s\n", s.key, s.get(ws))
			return nil
		},
	}
}
