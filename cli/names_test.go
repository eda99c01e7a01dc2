package cli

import (
	"strings"
	"testing"
)

// TestMember_Add_NamesTellApart: the three "Ana Lopez" of issue 10, from
// the command line and from a bundle.
func TestMember_Add_NamesTellApart(t *testing.T) {
	db := newWorkspace(t)
	mustID(t, db, "member", "add", "Ana Lopez", "--handle", "ana", "--facilitator")
	r := run(t, db, "member", "add", "Ana Lopez\u200b", "--handle", "ana2")
	if r.err == nil || !strings.Contains(r.err.Error(), "invisible character (U+200B) at position 10") {
		t.Errorf("a name with a zero-width space: %v", r.err)
	}
	r = run(t, db, "member", "add", "\u0410na Lopez", "--handle", "ana3")
	if r.err != nil || !strings.Contains(r.stderr, `warning: the name "Аna Lopez" looks the same as ana's "Ana Lopez"`) {
		t.Errorf("a Cyrillic look-alike: %v, stderr %q", r.err, r.stderr)
	}

	// The same through a bundle: a facilitator's plan brings a look-alike
	// member (warned) or an invisible character (refused whole).
	src := newWorkspace(t)
	seedSprint(t, src)
	dst := newWorkspace(t)
	mustRun(t, dst, "import", writeTemp(t, "plan.json", []byte(mustRun(t, src, "export", "--format", "json"))))
	mustID(t, src, "member", "add", "B\u043e Chen", "--handle", "bo2") // Cyrillic о
	out := mustRun(t, dst, "import", writeTemp(t, "plan2.json", []byte(mustRun(t, src, "export", "--format", "json"))))
	if !strings.Contains(out, `warning    bo2's name "Bо Chen" looks the same as bo's "Bo Chen"`) {
		t.Errorf("the import does not warn about the look-alike:\n%s", out)
	}
	plan := mustRun(t, src, "export", "--format", "json")
	bad := strings.Replace(plan, `"name": "Cy Diaz"`, `"name": "Cy Diaz\u200b"`, 1)
	if bad == plan {
		t.Fatal("the edit changed nothing")
	}
	before := fileHash(t, dst)
	r = run(t, dst, "import", writeTemp(t, "bad.json", []byte(bad)))
	if r.err == nil || !strings.Contains(r.err.Error(), "invisible character (U+200B)") || fileHash(t, dst) != before {
		t.Errorf("a bundle with an invisible character in a name: %v", r.err)
	}
}

// TestImport_Run_StdinIsUnsigned: a bundle on standard input carries no
// signature, so a workspace that requires them refuses it and says why.
func TestImport_Run_StdinIsUnsigned(t *testing.T) {
	_, plan := seededBundle(t)
	dst := newWorkspace(t)
	mustRun(t, dst, "config", "require-signed-bundles", "true")
	before := fileHash(t, dst)
	r := runIn(t, dst, strings.NewReader(string(plan)), "import", "-")
	if r.err == nil || !strings.Contains(r.err.Error(), "a bundle on standard input has none") || fileHash(t, dst) != before {
		t.Errorf("import - with signatures required: %v", r.err)
	}
	mustRun(t, dst, "config", "require-signed-bundles", "false")
	r = runIn(t, dst, strings.NewReader(string(plan)), "import", "-")
	if r.err != nil || !strings.Contains(r.stderr, "warning: standard input is not signed, so anyone could have written it; it is taken as ana's") {
		t.Errorf("import - unsigned: %v, stderr %q", r.err, r.stderr)
	}
}
