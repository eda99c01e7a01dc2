package model

import (
	"strings"
	"testing"
	"time"
)

// Two well-formed key lines (ParseKeyLine checks the form only).
const (
	orgKeyA = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA0lgaUmzsOYtDTTfXz0JoVS5rZ7TrRb4tSwsHmxnxM8 olga"
	orgKeyB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHbUFO6b4qGtbFXXsgSfWMvWXQbY3eMHBYxMsxKG3Rn9 piet"
)

var orgNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func fp(t *testing.T, line string) string {
	t.Helper()
	k, ok := ParseKeyLine(line)
	if !ok {
		t.Fatalf("bad test key %q", line)
	}
	return k.Fingerprint
}

func TestOrg_Validate(t *testing.T) {
	base, err := NewOrg("Acme", Keeper{Name: "Olga", Key: orgKeyA}, orgNow)
	if err != nil {
		t.Fatal(err)
	}
	base, g, err := base.AddGoal("Grow revenue", "", orgNow)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(o *Org)
		want   string
	}{
		{"valid", func(o *Org) {}, ""},
		{"no name", func(o *Org) { o.Name = " " }, "name: must not be empty"},
		{"no keeper", func(o *Org) { o.Keepers = nil }, "at least one keeper"},
		{"bad key", func(o *Org) { o.Keepers[0].Key = "not a key" }, "not a public SSH key"},
		{"same key twice", func(o *Org) { o.Keepers = append(o.Keepers, Keeper{Name: "Eve", Key: orgKeyA}) }, "same key"},
		{"duplicate id", func(o *Org) { o.Goals = append(o.Goals, o.Goals[0]) }, "listed twice"},
		{"duplicate live title", func(o *Org) {
			d := Goal{Meta: NewMeta(orgNow), Title: "grow REVENUE"}
			o.Goals = append(o.Goals, d)
		}, "may not share a title"},
		{"archived title may repeat", func(o *Org) {
			d := Goal{Meta: NewMeta(orgNow), Title: "Grow revenue", Archived: true}
			o.Goals = append(o.Goals, d)
		}, ""},
		{"empty goal title", func(o *Org) { o.Goals[0].Title = "" }, "title: must not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := base.clone()
			tt.change(&o)
			err := o.Validate()
			if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want %q", err, tt.want)
			}
		})
	}
	if _, _, err := base.AddGoal("Grow Revenue", "", orgNow); err == nil {
		t.Error("AddGoal took a second goal with the same title")
	}
	if got, err := FindOrgGoal(base, g.ID.String()[:10]); err != nil || got.ID != g.ID {
		t.Errorf("FindOrgGoal by prefix: %v %v", got, err)
	}
	if _, err := FindOrgGoal(base, "nope"); err == nil {
		t.Error("FindOrgGoal found nope")
	}
}

func TestCheckOrgSigner(t *testing.T) {
	acme, _ := NewOrg("Acme", Keeper{Name: "Olga", Key: orgKeyA}, orgNow)
	both, _ := acme.AddKeeper(Keeper{Name: "Piet", Key: orgKeyB}, orgNow)
	onlyB, _ := NewOrg("Acme", Keeper{Name: "Piet", Key: orgKeyB}, orgNow)
	globex, _ := NewOrg("Globex", Keeper{Name: "Olga", Key: orgKeyA}, orgNow)
	trustsA := TrustOrg(DefaultSettings(), acme)
	tests := []struct {
		name  string
		s     Settings
		o     Org
		key   string
		first bool
		want  string
	}{
		{"first use", DefaultSettings(), acme, orgKeyA, true, ""},
		{"not a keeper of the file", DefaultSettings(), acme, orgKeyB, false, "not one of the file's keepers"},
		{"known keeper", trustsA, acme, orgKeyA, false, ""},
		{"new keeper added, signed by the old", trustsA, both, orgKeyA, false, ""},
		{"new keeper signs alone", trustsA, both, orgKeyB, false, "does not yet trust"},
		{"keepers replaced by a stranger", trustsA, onlyB, orgKeyB, false, "does not yet trust"},
		{"another organisation", trustsA, globex, orgKeyA, false, `follows the organisation "Acme"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, err := CheckOrgSigner(tt.s, tt.o, fp(t, tt.key))
			if first != tt.first || (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("CheckOrgSigner = %v, %v; want %v, %q", first, err, tt.first, tt.want)
			}
		})
	}
	if ks := OrgKeepersOf(TrustOrg(DefaultSettings(), both)); len(ks) != 2 || ks[1] != orgKeyB {
		t.Errorf("OrgKeepersOf = %q", ks)
	}
}

func TestOrgImport(t *testing.T) {
	o, _ := NewOrg("Acme", Keeper{Name: "Olga", Key: orgKeyA}, orgNow)
	o, g1, _ := o.AddGoal("Grow revenue", "", orgNow)
	o, g2, _ := o.AddGoal("Cut costs", "", orgNow)
	own := Goal{Meta: NewMeta(orgNow), Title: "grow revenue"}
	stale := g2
	stale.Title = "Cut cost"
	write, changes, notes := OrgImport([]Goal{g1, stale, own}, o)
	if len(write) != 1 || write[0].ID != g2.ID || write[0].Title != "Cut costs" {
		t.Errorf("write = %+v, want the organisation's Cut costs only", write)
	}
	if len(changes) != 1 || !strings.Contains(changes[0], `title "Cut cost" → "Cut costs"`) {
		t.Errorf("changes = %q", changes)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], `own goal "grow revenue"`) {
		t.Errorf("notes = %q", notes)
	}
	if w, c, _ := OrgImport(o.Goals, o); len(w) != 0 || len(c) != 0 {
		t.Errorf("importing the same goals again writes %d", len(w))
	}
}
