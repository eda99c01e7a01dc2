package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/align-team/align/model"
)

// RemindText writes a reminder as plain text: one line saying how many
// members have answered, then one line per member with something left,
// naming the objectives; a closed sprint, where nobody can answer any
// more, gets one line with the count and no one is asked. User text is sanitised: a name cannot move the
// cursor or recolour the terminal.
func RemindText(w io.Writer, r model.Reminder) error {
	bw := bufio.NewWriter(w)
	name := model.Sanitize(r.Sprint.Name, false)
	switch {
	case r.Objectives == 0:
		fmt.Fprintf(bw, "%s (%s) has no objectives to assess yet.\n", name, r.Sprint.State)
	case r.Expected == 0:
		fmt.Fprintf(bw, "%s (%s): no active members are expected to assess.\n", name, r.Sprint.State)
	case r.Done():
		fmt.Fprintf(bw, "%s (%s): %s assessed every objective.\n", name, r.Sprint.State, everyone(r.Expected))
	case r.Sprint.State == model.StateClosed:
		fmt.Fprintf(bw, "%s is closed: no estimate can be added any more; %d of %s had assessed every objective.\n", name, r.Answered, Plural(r.Expected, "member", "members"))
	default:
		fmt.Fprintf(bw, "%s (%s): %d of %s have assessed every objective; not yet:\n", name, r.Sprint.State, r.Answered, Plural(r.Expected, "member", "members"))
		width := 0
		for _, p := range r.Pending {
			width = max(width, len([]rune(who(p))))
		}
		for _, p := range r.Pending {
			fmt.Fprintf(bw, "  %-*s  %s\n", width, who(p), strings.Join(titlesOf(p, model.Sanitize), ", "))
		}
	}
	return bw.Flush()
}

// RemindMarkdown writes a reminder as markdown that pastes well into a
// chat (Slack, Teams, Mattermost, a GitHub comment): one bold line, then a
// bullet per member with what is left, and how to answer. User text is
// escaped so it renders literally.
func RemindMarkdown(w io.Writer, r model.Reminder) error {
	bw := bufio.NewWriter(w)
	name := inline(r.Sprint.Name)
	switch {
	case r.Objectives == 0:
		fmt.Fprintf(bw, "**%s** has no objectives to assess yet.\n", name)
	case r.Expected == 0:
		fmt.Fprintf(bw, "**%s**: no active members are expected to assess.\n", name)
	case r.Done():
		fmt.Fprintf(bw, "**%s**: %s assessed every objective. Thank you!\n", name, everyone(r.Expected))
	case r.Sprint.State == model.StateClosed:
		fmt.Fprintf(bw, "**%s** is closed: no estimate can be added any more; %d of %s had assessed every objective.\n", name, r.Answered, Plural(r.Expected, "member", "members"))
	default:
		fmt.Fprintf(bw, "**%s**: %d of %s have assessed every objective. Still to assess:\n\n", name, r.Answered, Plural(r.Expected, "member", "members"))
		for _, p := range r.Pending {
			titles := titlesOf(p, func(s string, _ bool) string { return "_" + inline(s) + "_" })
			fmt.Fprintf(bw, "- **%s**: %s\n", inline(who(p)), strings.Join(titles, ", "))
		}
		fmt.Fprintf(bw, "\nTo answer, run `align --as HANDLE`, or `align assess --as HANDLE --objective O --progress N`.\n")
	}
	return bw.Flush()
}

// remindJSON is the --json shape of a reminder, for scripts.
type remindJSON struct {
	Sprint struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		State string `json:"state"`
	} `json:"sprint"`
	Done     bool          `json:"done"`
	Answered int           `json:"answered"`
	Expected int           `json:"expected"`
	Pending  []pendingJSON `json:"pending"`
}

type pendingJSON struct {
	Handle     string          `json:"handle"`
	Name       string          `json:"name"`
	Objectives []objectiveJSON `json:"objectives"`
}

type objectiveJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// RemindJSON writes a reminder as one JSON object: the sprint, done,
// answered and expected counts, and pending, a list of members (handle,
// name) with the objectives (id, title) they have not answered; pending is
// [] when everyone has answered.
func RemindJSON(w io.Writer, r model.Reminder) error {
	var out remindJSON
	out.Sprint.ID, out.Sprint.Name, out.Sprint.State = r.Sprint.ID.String(), r.Sprint.Name, string(r.Sprint.State)
	out.Done, out.Answered, out.Expected = r.Done(), r.Answered, r.Expected
	out.Pending = make([]pendingJSON, 0, len(r.Pending))
	for _, p := range r.Pending {
		pj := pendingJSON{Handle: p.Handle, Name: p.Name, Objectives: make([]objectiveJSON, 0, len(p.Objectives))}
		for _, o := range p.Objectives {
			pj.Objectives = append(pj.Objectives, objectiveJSON{ID: o.ID.String(), Title: o.Title})
		}
		out.Pending = append(out.Pending, pj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// who names a member: "bo (Bo Chen)", or the handle alone.
func who(p model.Pending) string {
	name := model.Sanitize(p.Name, false)
	if name == "" || name == p.Handle {
		return p.Handle
	}
	return p.Handle + " (" + name + ")"
}

func titlesOf(p model.Pending, f func(string, bool) string) []string {
	out := make([]string, len(p.Objectives))
	for i, o := range p.Objectives {
		out[i] = f(o.Title, false)
	}
	return out
}

// everyone is "all 5 members have", or "the one member has".
func everyone(n int) string {
	if n == 1 {
		return "the one member has"
	}
	return fmt.Sprintf("all %d members have", n)
}
