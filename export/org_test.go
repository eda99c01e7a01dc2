package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
)

const orgTestKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA0lgaUmzsOYtDTTfXz0JoVS5rZ7TrRb4tSwsHmxnxM8 olga"

func orgFixture(t *testing.T) []byte {
	t.Helper()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	o, err := model.NewOrg("Acme", model.Keeper{Name: "Olga", Key: orgTestKey}, now)
	if err != nil {
		t.Fatal(err)
	}
	o, _, _ = o.AddGoal("Grow revenue", "Half sign up alone", now)
	var buf bytes.Buffer
	if err := WriteOrg(&buf, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDecodeOrg_RoundTrip(t *testing.T) {
	raw := orgFixture(t)
	o, err := DecodeOrg(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := WriteOrg(&again, o); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, again.Bytes()) {
		t.Errorf("write, read, write differs:\n%s\n%s", raw, again.Bytes())
	}
}

func TestDecodeOrg_Hostile(t *testing.T) {
	raw := string(orgFixture(t))
	tests := []struct{ name, in, want string }{
		{"empty", "", "the file is empty"},
		{"a bundle", `{"format": "align-bundle", "version": 1}`, `"align-bundle" file`},
		{"newer", strings.Replace(raw, `"version": 1`, `"version": 2`, 1), "newer align"},
		{"unknown field", strings.Replace(raw, `"organisation"`, `"extra": 1, "organisation"`, 1), `unknown field "extra"`},
		{"missing title", strings.Replace(raw, `"title": "Grow revenue",`, ``, 1), `missing field "title"`},
		{"bad id", strings.Replace(raw, `"id": "`, `"id": "x`, 1), "canonical UUID"},
		{"no keepers", strings.Replace(raw, `"name": "Olga"`, `"name": ""`, 1), "name: must not be empty"},
		{"bad key", strings.Replace(raw, "ssh-ed25519 AAAA", "ssh-ed25519 !!!!", 1), "not a public SSH key"},
		{"not json", "{{", "goals file"},
		{"too big", `{"format": "align-org-goals", "version": 1, "organisation": "` + strings.Repeat("x", MaxOrgSize) + `"}`, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeOrg(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("DecodeOrg: %v, want %q", err, tt.want)
			}
		})
	}
}
