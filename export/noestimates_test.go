package export

import (
	"bytes"
	"strings"
	"testing"
)

// TestBundle_NoEstimates_RoundTripAndOlderBundles checks that a facilitator
// who does not estimate travels in a bundle, and that a bundle written
// before the key existed still decodes, as a member who estimates.
func TestBundle_NoEstimates_RoundTripAndOlderBundles(t *testing.T) {
	in := fixtureDataset()
	in.Members[0].Facilitator, in.Members[0].NoEstimates = true, true
	data := writeJSON(t, NewBundle("Team", replica, exportedAt, ScopeAll, in))
	if !bytes.Contains(data, []byte(`"no_estimates": true`)) {
		t.Fatalf("the bundle does not say no_estimates:\n%s", data)
	}
	b, err := DecodeBundle(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := b.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range out.Members {
		if m.ID == in.Members[0].ID {
			found = m.NoEstimates
		}
	}
	if !found {
		t.Error("no_estimates was lost on the way")
	}
	older := strings.Replace(string(data), `,
      "no_estimates": true`, "", 1)
	if older == string(data) {
		t.Fatal("could not write the older bundle")
	}
	b, err = DecodeBundle(strings.NewReader(older))
	if err != nil {
		t.Fatalf("an older bundle without no_estimates: %v", err)
	}
	if out, err = b.Dataset(); err != nil || out.Members[0].NoEstimates {
		t.Errorf("older bundle: %v, %+v", err, out.Members[0])
	}
}
