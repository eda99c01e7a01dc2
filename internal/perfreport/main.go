// Command perfreport prints the table of scripts/perf.sh: it pools the
// samples of the ttff runs (JSON, several rounds per program), the peak RSS
// lines of /usr/bin/time -v and the Go benchmark output found in a
// directory, and reports medians and the ratios the performance targets are
// stated in.
//
// Usage: perfreport DIR
//
// DIR holds ttff/LABEL.ROUND.json, rss/LABEL.txt and bench.txt, as written by
// scripts/perf.sh. A missing input leaves its rows out.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: perfreport DIR")
		os.Exit(2)
	}
	if err := report(os.Stdout, os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "perfreport:", err)
		os.Exit(1)
	}
}

// ttffFile is the part of ttff's -json output perfreport reads.
type ttffFile struct {
	Stats []struct {
		Metric  string    `json:"metric"`
		Samples []float64 `json:"samples_ms"`
	} `json:"stats"`
}

// samples maps label → metric → pooled samples in ms.
type samples map[string]map[string][]float64

func readTTFF(dir string) (samples, error) {
	out := samples{}
	files, err := filepath.Glob(filepath.Join(dir, "ttff", "*.json"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		label := base
		if i := strings.LastIndexByte(base, '.'); i > 0 {
			label = base[:i] // drop the round number
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var tf ttffFile
		if err := json.Unmarshal(data, &tf); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if out[label] == nil {
			out[label] = map[string][]float64{}
		}
		for _, st := range tf.Stats {
			out[label][st.Metric] = append(out[label][st.Metric], st.Samples...)
		}
	}
	return out, nil
}

// median returns the median of xs (0 for none).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

var rssLine = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)

// readRSS returns label → peak RSS samples in KB.
func readRSS(dir string) (map[string][]float64, error) {
	out := map[string][]float64{}
	files, err := filepath.Glob(filepath.Join(dir, "rss", "*.txt"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		label := strings.TrimSuffix(filepath.Base(f), ".txt")
		for _, m := range rssLine.FindAllStringSubmatch(string(data), -1) {
			kb, _ := strconv.ParseFloat(m[1], 64)
			out[label] = append(out[label], kb)
		}
	}
	return out, nil
}

// benchResult is one benchmark line: ns/op and allocs/op.
type benchResult struct{ ns, allocs, bytes float64 }

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+([\d.]+) B/op)?(?:\s+([\d.]+) allocs/op)?`)

// readBench returns benchmark name (without the GOMAXPROCS suffix) → result.
func readBench(dir string) (map[string]benchResult, []string, error) {
	f, err := os.Open(filepath.Join(dir, "bench.txt"))
	if os.IsNotExist(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	out := map[string]benchResult{}
	var order []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		var r benchResult
		r.ns, _ = strconv.ParseFloat(m[2], 64)
		r.bytes, _ = strconv.ParseFloat(m[3], 64)
		r.allocs, _ = strconv.ParseFloat(m[4], 64)
		if _, seen := out[m[1]]; !seen {
			order = append(order, m[1])
		}
		out[m[1]] = r
	}
	return out, order, sc.Err()
}

// row prints one table row: what, the two medians, their ratio, the target.
func row(w io.Writer, what string, a, b float64, unit string, target float64) {
	if a == 0 || b == 0 {
		return
	}
	ratio := a / b
	verdict := ""
	if target > 0 {
		verdict = fmt.Sprintf("≤ %.1f× ", target)
		if ratio <= target {
			verdict += "met"
		} else {
			verdict += "MISSED"
		}
	}
	fmt.Fprintf(w, "| %s | %.1f %s | %.1f %s | %.2f× | %s |\n", what, a, unit, b, unit, ratio, verdict)
}

// limitRow is row for a figure whose target is a bound on a itself, not
// on the ratio: a ≤ limit (in unit).
func limitRow(w io.Writer, what string, a, b float64, unit string, limit float64) {
	if a == 0 || b == 0 {
		return
	}
	verdict := fmt.Sprintf("≤ %.0f %s ", limit, unit)
	if a <= limit {
		verdict += "met"
	} else {
		verdict += "MISSED"
	}
	fmt.Fprintf(w, "| %s | %.1f %s | %.1f %s | %.2f× | %s |\n", what, a, unit, b, unit, a/b, verdict)
}

func report(w io.Writer, dir string) error {
	tt, err := readTTFF(dir)
	if err != nil {
		return err
	}
	rss, err := readRSS(dir)
	if err != nil {
		return err
	}
	bench, order, err := readBench(dir)
	if err != nil {
		return err
	}
	med := func(label, metric string) float64 { return median(tt[label][metric]) }
	n := func(label, metric string) int { return len(tt[label][metric]) }

	fmt.Fprintln(w, "## From outside, in a pseudo-terminal (medians of pooled samples)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| figure | measured | reference | ratio | target |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, ws := range []string{"one-sprint", "five-year"} {
		row(w, "first frame, "+ws+" / floor", med(ws, "first-frame"), med("floor", "first-frame"), "ms", 1.3)
	}
	for _, ws := range []string{"one-sprint", "five-year"} {
		row(w, fmt.Sprintf("key to frame, %s / floor (%d / %d presses)", ws, n(ws, "key"), n("floor", "key")),
			med(ws, "key"), med("floor", "key"), "ms", 1.2)
	}
	row(w, "first frame, five-year / one-sprint", med("five-year", "first-frame"), med("one-sprint", "first-frame"), "ms", 1.1)
	// Both "changed" sides start through sh (to remove the stamp), so only
	// their ratio is meaningful.
	row(w, "first frame after a write (file re-verified), five-year / one-sprint",
		med("five-year-changed", "first-frame"), med("one-sprint-changed", "first-frame"), "ms", 0)
	row(w, "first frame, 520 sprints / one-sprint", med("twenty-year", "first-frame"), med("one-sprint", "first-frame"), "ms", 1.05)
	row(w, "first frame with the automatic backup due, 520 sprints / one-sprint",
		med("twenty-year-backup-due", "first-frame"), med("one-sprint-backup-due", "first-frame"), "ms", 1.05)
	for _, ws := range []string{"one-sprint", "five-year"} {
		row(w, "`align export` (markdown, current sprint), "+ws+" / bare reader", med("export-"+ws, "exit"), med("bare-"+ws, "exit"), "ms", 2)
	}
	row(w, "`align status` while another process holds the file / unlocked, five-year", med("status-held", "exit"), med("status-free", "exit"), "ms", 2)
	row(w, "`align export` (markdown) while another process holds the file / unlocked, five-year", med("export-held", "exit"), med("export-free", "exit"), "ms", 2)
	row(w, "first frame, static build (`CGO_ENABLED=0`) / default build, five-year", med("five-year-static", "first-frame"), med("five-year", "first-frame"), "ms", 0)
	row(w, "`align version` (start-up only, no workspace) / bare reader, five-year", med("version", "exit"), med("bare-five-year", "exit"), "ms", 0)
	for _, ws := range []string{"one-sprint", "five-year"} {
		row(w, "peak RSS of the TUI, "+ws+" / floor", median(rss[ws])/1024, median(rss["floor"])/1024, "MB", 2)
	}
	for _, cmd := range []struct{ label, what string }{
		{"export-json-all", "`align export --format json --sprint all`"},
		{"check", "`align check`"},
	} {
		limitRow(w, "peak RSS of "+cmd.what+", 520 sprints / one-sprint",
			median(rss[cmd.label+"-twenty-year"])/1024, median(rss[cmd.label+"-one-sprint"])/1024, "MiB", 64)
	}
	if len(order) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Go benchmarks: five-year / one-sprint")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| benchmark | one-sprint | five-year | time ratio | allocs ratio |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, name := range order {
		if !strings.Contains(name, "/one-sprint") {
			continue
		}
		five, ok := bench[strings.Replace(name, "/one-sprint", "/five-year", 1)]
		if !ok {
			continue
		}
		one := bench[name]
		allocs := "–"
		if one.allocs > 0 {
			allocs = fmt.Sprintf("%.2f×", five.allocs/one.allocs)
		}
		fmt.Fprintf(w, "| %s | %s, %.0f allocs | %s, %.0f allocs | %.2f× | %s |\n",
			strings.Replace(name, "/one-sprint", "", 1), dur(one.ns), one.allocs, dur(five.ns), five.allocs, five.ns/one.ns, allocs)
	}
	return nil
}

// dur formats nanoseconds for a table cell.
func dur(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}
