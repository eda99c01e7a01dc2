package model

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// KeyLine is a public SSH key as a member's Keys hold it, in
// authorized_keys form: "TYPE BASE64 [COMMENT]".
type KeyLine struct {
	Type        string
	Fingerprint string // "SHA256:…", as ssh-keygen -l prints it
	Comment     string
}

// ParseKeyLine reads the type, fingerprint and comment of a key line. It
// checks only the form (a type and base64 data); serve parses keys fully.
func ParseKeyLine(line string) (KeyLine, bool) {
	f := strings.Fields(line)
	if len(f) < 2 {
		return KeyLine{}, false
	}
	blob, err := base64.StdEncoding.DecodeString(f[1])
	if err != nil || len(blob) == 0 {
		return KeyLine{}, false
	}
	sum := sha256.Sum256(blob)
	return KeyLine{Type: f[0], Fingerprint: "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:]),
		Comment: strings.Join(f[2:], " ")}, true
}

// String is "ssh-ed25519 SHA256:… (comment)".
func (k KeyLine) String() string {
	s := k.Type + " " + k.Fingerprint
	if k.Comment != "" {
		s += " (" + k.Comment + ")"
	}
	return s
}

// MemberChanges describes in full what writing write over local does to
// members' roles, keys, handles and places on the team, one line each:
// "bo: role member → facilitator", "fay: key removed ssh-ed25519 SHA256:…".
// Import reports show these lines so that no change of who may do what
// hides in a count.
func MemberChanges(local, write Dataset) []string {
	byID := map[[16]byte]Member{}
	for _, m := range local.Members {
		byID[m.ID] = m
	}
	var out []string
	for _, m := range write.Members {
		l, ok := byID[m.ID]
		h := m.Handle
		if !ok {
			line := h + ": new member, role " + RoleName(m.Facilitator)
			if len(m.Keys) == 0 {
				line += ", no keys"
			}
			out = append(out, line)
			for _, k := range m.Keys {
				out = append(out, h+": key added "+showKey(k))
			}
			continue
		}
		if l.Handle != m.Handle {
			out = append(out, l.Handle+": handle "+l.Handle+" → "+m.Handle)
		}
		if l.Deleted != m.Deleted && m.Deleted {
			out = append(out, h+": member deleted")
		}
		if l.Active != m.Active {
			if m.Active {
				out = append(out, h+": back on the team")
			} else {
				out = append(out, h+": removed from the team")
			}
		}
		if l.Facilitator != m.Facilitator {
			out = append(out, h+": role "+RoleName(l.Facilitator)+" → "+RoleName(m.Facilitator))
		}
		for _, k := range l.Keys {
			if !containsString(m.Keys, k) {
				out = append(out, h+": key removed "+showKey(k))
			}
		}
		for _, k := range m.Keys {
			if !containsString(l.Keys, k) {
				out = append(out, h+": key added "+showKey(k))
			}
		}
	}
	return out
}

func showKey(line string) string {
	if k, ok := ParseKeyLine(line); ok {
		return k.String()
	}
	return Truncate(line, 40)
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
