package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestDecodeBundle_Stretch_RoundTripsAndOlderBundlesRead(t *testing.T) {
	d := fixtureDataset()
	d.Sprints[1].Objectives[0].Stretch = true
	var buf bytes.Buffer
	if err := WriteJSON(&buf, NewBundle("Checkout", uuid.MustParse("0195f3c2-0000-7000-8000-000000000001"), time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC), ScopeAll, d)); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), `"stretch": true`); n != 1 {
		t.Fatalf("bundle has %d stretch fields, want exactly the one set (false is left out)", n)
	}
	b, err := DecodeBundle(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	stretch := 0
	for _, sd := range b.data.Sprints {
		for _, o := range sd.Objectives {
			if o.Stretch {
				stretch++
				if o.ID != d.Sprints[1].Objectives[0].ID {
					t.Errorf("stretch landed on %q", o.Title)
				}
			}
		}
	}
	if stretch != 1 {
		t.Errorf("decoded %d stretch objectives, want 1", stretch)
	}
	// A bundle written before the field existed has no "stretch" key.
	old := strings.Replace(buf.String(), `,
          "stretch": true`, "", 1)
	if strings.Contains(old, "stretch") {
		t.Fatalf("could not strip the field: the indentation changed")
	}
	b, err = DecodeBundle(strings.NewReader(old))
	if err != nil {
		t.Fatalf("a bundle without stretch fields: %v", err)
	}
	for _, sd := range b.data.Sprints {
		for _, o := range sd.Objectives {
			if o.Stretch {
				t.Errorf("%q is stretch in a bundle that says nothing", o.Title)
			}
		}
	}
	bad := strings.Replace(buf.String(), `"stretch": true`, `"stretch": "yes"`, 1)
	if _, err := DecodeBundle(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "true or false") {
		t.Errorf("stretch \"yes\": %v", err)
	}
}
