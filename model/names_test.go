package model

import (
	"strings"
	"testing"
)

func TestCheckName_Invisible(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"Ana Lopez", true},
		{"Ana López", true},
		{"Аna Lopez", true}, // Cyrillic А renders, it is only a look-alike
		{"Ana Lopez\u200b", false},
		{"Ana\u200dLopez", false},
		{"\ufeffAna", false},
		{"Ana\u00adLopez", false},
		{"Ana\u2060 Lopez", false},
		{"Ana\u3164", false},
		{"Ana\ufe0f", false},
		{"Ana\U000e0041", false},
	}
	for _, tt := range tests {
		err := CheckName(tt.name)
		if (err == nil) != tt.ok {
			t.Errorf("CheckName(%q) = %v, want ok=%t", tt.name, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "invisible character (U+") {
			t.Errorf("CheckName(%q) = %v, want it to name the character", tt.name, err)
		}
		m := Member{Name: tt.name, Handle: "ana"}
		if verr := m.Validate(); (verr == nil) != tt.ok {
			t.Errorf("Member{Name: %q}.Validate() = %v, want ok=%t", tt.name, verr, tt.ok)
		}
	}
}

func TestLookAlike_Confusables(t *testing.T) {
	ana := fxMember(1, "ana", true)
	ana.Name = "Ana Lopez"
	gone := fxMember(2, "old", false)
	gone.Name = "Bo Chen"
	ms := []Member{ana, gone}
	tests := []struct {
		name string
		want bool
	}{
		{"Аna Lopez", true},   // Cyrillic А
		{"Ana Lоpez", true},   // Cyrillic о
		{"ana  lopez", true},  // case and spacing
		{"Ａna Lopez", true},   // fullwidth A
		{"Ana Lopez", true},   // the same name
		{"Ana López", false},  // an accent shows
		{"Anna Lopez", false}, // another name
		{"Bo Chen", false},    // like a removed member's: nobody to confuse
	}
	for _, tt := range tests {
		if _, got := LookAlike(tt.name, fxID(9), ms); got != tt.want {
			t.Errorf("LookAlike(%q) = %t, want %t", tt.name, got, tt.want)
		}
	}
	if _, got := LookAlike("Ana Lopez", ana.ID, ms); got {
		t.Errorf("a member looks like themselves")
	}
	twin := fxMember(3, "ana2", true)
	twin.Name = "Аna Lopez"
	w := LookAlikeWarnings(Dataset{Members: ms}, Dataset{Members: append(ms, twin)}, Dataset{Members: []Member{twin}})
	if len(w) != 1 || !strings.Contains(w[0], `ana2's name "Аna Lopez" looks the same as ana's "Ana Lopez"`) {
		t.Errorf("LookAlikeWarnings = %q", w)
	}
	if w := LookAlikeWarnings(Dataset{Members: append(ms, twin)}, Dataset{Members: append(ms, twin)}, Dataset{Members: []Member{twin}}); len(w) != 0 {
		t.Errorf("an unchanged name warns again: %q", w)
	}
}
