package main

import (
	"bufio"
	"bytes"
	"os/exec"
	"path"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/align-team/align"

// layer is what one package of ours may import of ours, and which outside
// modules must never reach it, directly or through another package. The
// README's Development section explains the arrows.
type layer struct {
	ours      []string // packages of this module it may import ("views/*": any below views)
	forbidden []string // module path prefixes that must not be among its dependencies
}

var (
	tui    = []string{"github.com/charmbracelet/"}
	sshSrv = []string{"github.com/charmbracelet/wish", "github.com/charmbracelet/ssh", "golang.org/x/crypto/ssh"}
	cmdln  = []string{"github.com/spf13/cobra"}
	bbolt  = []string{"go.etcd.io/bbolt"}
)

func concat(lists ...[]string) []string { return slices.Concat(lists...) }

// screens are the packages of the TUI's screens: the root (views) imports
// them; they import views/ui, never each other or the root.
var screens = []string{"views/dashboard", "views/assess", "views/review", "views/plan", "views/history"}

// layers holds the import rules, keyed by package path within the module.
var layers = map[string]layer{
	"":                        {ours: []string{"cli"}},
	"model":                   {forbidden: concat(tui, sshSrv, cmdln, bbolt)},
	"model/merge":             {ours: []string{"model"}, forbidden: concat(tui, sshSrv, cmdln, bbolt)},
	"demo":                    {ours: []string{"model"}, forbidden: concat(tui, sshSrv, cmdln, bbolt)},
	"store":                   {ours: []string{"model", "store/internal/filesafe"}, forbidden: concat(tui, sshSrv, cmdln)},
	"store/internal/filesafe": {forbidden: concat(tui, sshSrv, cmdln)},
	"export":                  {ours: []string{"model"}, forbidden: concat(tui, sshSrv, cmdln, bbolt)},
	"views":                   {ours: concat([]string{"model", "store", "views/ui"}, screens), forbidden: concat(sshSrv, cmdln)},
	"views/ui":                {ours: []string{"model", "store"}, forbidden: concat(sshSrv, cmdln)},
	"views/uitest":            {forbidden: concat(sshSrv, cmdln, bbolt)},
	"views/dashboard":         {ours: []string{"model", "export", "views/ui"}, forbidden: concat(sshSrv, cmdln)},
	"views/assess":            {ours: []string{"model", "export", "views/ui"}, forbidden: concat(sshSrv, cmdln)},
	"views/review":            {ours: []string{"model", "export", "store", "views/ui"}, forbidden: concat(sshSrv, cmdln)},
	"views/plan":              {ours: []string{"model", "export", "store", "views/ui"}, forbidden: concat(sshSrv, cmdln)},
	"views/history":           {ours: []string{"model", "export", "views/ui"}, forbidden: concat(sshSrv, cmdln)},
	"views/rollup":            {ours: []string{"model", "export", "views/ui"}, forbidden: concat(sshSrv, cmdln)},
	"serve":                   {ours: []string{"model", "store", "export", "views", "views/ui"}, forbidden: cmdln},
	"cli":                     {ours: []string{"model", "model/merge", "store", "export", "views", "views/*", "serve", "demo", "internal/lastmember"}},
	"bench":                   {ours: []string{"demo", "model", "model/merge", "store"}, forbidden: concat(tui, sshSrv, cmdln)},
	"e2e":                     {},
	"internal/barereader":     {forbidden: concat(tui, sshSrv, cmdln)},
	"internal/floor":          {forbidden: concat(sshSrv, cmdln, bbolt)},
	"internal/perfreport":     {forbidden: concat(tui, sshSrv, cmdln, bbolt)},
	"internal/lastmember":     {forbidden: concat(tui, sshSrv, cmdln, bbolt)},
}

// TestLayout_ImportRules fails when a package imports one of ours that
// its layer may not, when an outside module reaches a package that must
// stay free of it (model stays pure: no terminal, database or SSH code),
// or when a new package has no rule yet.
func TestLayout_ImportRules(t *testing.T) {
	for pkg, deps := range listPackages(t) {
		rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
		l, ok := layers[rel]
		if !ok {
			t.Errorf("package %q has no import rule: add it to layers in layout_test.go and to the README's Development section", rel)
			continue
		}
		for _, imp := range deps.imports {
			if !strings.HasPrefix(imp, module+"/") {
				continue
			}
			if to := strings.TrimPrefix(imp, module+"/"); !allowed(l.ours, to) {
				t.Errorf("%s imports %s, which its layer may not (it may import: %v)", label(rel), to, l.ours)
			}
		}
		for _, dep := range deps.all {
			for _, f := range l.forbidden {
				if strings.HasPrefix(dep, f) {
					t.Errorf("%s depends on %s, which must not reach it", label(rel), dep)
				}
			}
		}
	}
}

func label(rel string) string {
	if rel == "" {
		return "main"
	}
	return rel
}

func allowed(ours []string, to string) bool {
	for _, o := range ours {
		if o == to {
			return true
		}
		if strings.HasSuffix(o, "/*") {
			if dir, _ := path.Split(to); dir == strings.TrimSuffix(o, "*") {
				return true
			}
		}
	}
	return false
}

type pkgDeps struct{ imports, all []string }

// listPackages asks the go command for every package of the module with
// its direct imports and its whole dependency set (tests excluded).
func listPackages(t *testing.T) map[string]pkgDeps {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}\t{{join .Imports \" \"}}\t{{join .Deps \" \"}}", "./...").Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("go list: %v\n%s", err, stderr)
	}
	pkgs := map[string]pkgDeps{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			t.Fatalf("go list printed an unexpected line: %q", sc.Text())
		}
		pkgs[f[0]] = pkgDeps{imports: strings.Fields(f[1]), all: strings.Fields(f[2])}
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages; is the test running in the module root?", len(pkgs))
	}
	return pkgs
}

// TestLayout_AllowedMatchesOneLevel pins the wildcard: "views/*" is the
// packages directly below views, not views itself.
func TestLayout_AllowedMatchesOneLevel(t *testing.T) {
	for _, c := range []struct {
		ours []string
		to   string
		want bool
	}{
		{[]string{"views/*"}, "views/rollup", true},
		{[]string{"views/*"}, "views", false},
		{[]string{"views/*"}, "serve", false},
		{[]string{"model"}, "model", true},
		{[]string{"model"}, "modelx", false},
	} {
		if got := allowed(c.ours, c.to); got != c.want {
			t.Errorf("allowed(%v, %q) = %v, want %v", c.ours, c.to, got, c.want)
		}
	}
}

// TestLayout_ModelTestsStayPure: model's own tests and benchmarks build
// their data in memory (demo, in-package fixtures), so even they never
// pull in the database.
func TestLayout_ModelTestsStayPure(t *testing.T) {
	out, err := exec.Command("go", "list", "-test", "-deps", "./model/...").Output()
	if err != nil {
		t.Fatalf("go list -test: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, bbolt[0]) || dep == module+"/store" || dep == module+"/bench" {
			t.Errorf("model's tests depend on %s; build their data with demo or a fixture instead", dep)
		}
	}
}
