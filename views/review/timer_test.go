package review

import (
	"testing"
	"time"
)

func TestClockText(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", 59 * time.Second: "0:59", 8 * time.Minute: "8:00", 75*time.Minute + 3*time.Second: "1:15:03"} {
		if got := clockText(d); got != want {
			t.Errorf("clockText(%v) = %q, want %q", d, got, want)
		}
	}
}
