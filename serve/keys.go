package serve

import (
	"bytes"
	"crypto/rsa"
	"errors"
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	gossh "golang.org/x/crypto/ssh"
)

// MinRSABits is the smallest RSA key a member may register.
const MinRSABits = 2048

// ErrUnknownKey means no active member has registered the key.
var ErrUnknownKey = errors.New("the key is not registered for an active member")

// ErrAmbiguousKey means two live members registered the same key, so it
// cannot say who is connecting; the server refuses it until one is removed.
var ErrAmbiguousKey = errors.New("the key is registered for more than one member")

// MemberKey is a parsed public key in the canonical authorized_keys form
// that members' Keys hold.
type MemberKey struct {
	// Key is the public key.
	Key gossh.PublicKey
	// Line is "TYPE BASE64 [COMMENT]": what the store keeps.
	Line string
	// Comment is the key's comment, often user@host; may be empty.
	Comment string
}

// Fingerprint is the key's SHA256 fingerprint as ssh-keygen -l prints it.
func (k MemberKey) Fingerprint() string { return gossh.FingerprintSHA256(k.Key) }

// ParseMemberKey parses one public key in authorized_keys form ("ssh-ed25519
// AAAA… comment"), as found in ~/.ssh/id_ed25519.pub. It refuses options
// (from=, command=…), which serve would not honour, certificates, DSA keys
// and RSA keys under MinRSABits, with a sentence naming the problem.
func ParseMemberKey(text string) (MemberKey, error) {
	text = strings.TrimSpace(strings.TrimPrefix(text, "\ufeff"))
	if text == "" {
		return MemberKey{}, errors.New("the key is empty: give one line such as \"ssh-ed25519 AAAA… ana@laptop\" (the contents of ~/.ssh/id_ed25519.pub)")
	}
	if strings.Contains(text, "PRIVATE KEY") {
		return MemberKey{}, errors.New("that is a PRIVATE key: never share it; give the public key (the .pub file) instead")
	}
	if n := strings.Count(text, "\n"); n > 0 {
		return MemberKey{}, fmt.Errorf("give one key at a time, got %d lines", n+1)
	}
	pub, comment, options, rest, err := gossh.ParseAuthorizedKey([]byte(text))
	if err != nil {
		return MemberKey{}, fmt.Errorf("%q is not an SSH public key: give one line such as \"ssh-ed25519 AAAA… ana@laptop\" (the contents of ~/.ssh/id_ed25519.pub)", abbreviate(text))
	}
	if len(options) > 0 {
		return MemberKey{}, fmt.Errorf("key options such as %q are not supported by align serve; give the key alone", options[0])
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return MemberKey{}, errors.New("give one key at a time")
	}
	if err := checkKeyType(pub); err != nil {
		return MemberKey{}, err
	}
	comment = model.Sanitize(comment, false)
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pub)))
	if comment != "" {
		line += " " + comment
	}
	return MemberKey{Key: pub, Line: line, Comment: comment}, nil
}

// checkKeyType refuses certificates and weak key types.
func checkKeyType(pub gossh.PublicKey) error {
	if _, ok := pub.(*gossh.Certificate); ok {
		return errors.New("SSH certificates are not supported: give the plain public key")
	}
	switch pub.Type() {
	case gossh.KeyAlgoDSA: //nolint:staticcheck // named only to refuse it
		return errors.New("DSA keys are too weak and no longer accepted by OpenSSH: use ssh-keygen -t ed25519")
	case gossh.KeyAlgoRSA:
		if ck, ok := pub.(gossh.CryptoPublicKey); ok {
			if rk, ok := ck.CryptoPublicKey().(*rsa.PublicKey); ok && rk.N.BitLen() < MinRSABits {
				return fmt.Errorf("this RSA key has %d bits, fewer than %d: use ssh-keygen -t ed25519", rk.N.BitLen(), MinRSABits)
			}
		}
	}
	return nil
}

// abbreviate shortens text for an error message.
func abbreviate(text string) string {
	const max = 40
	r := []rune(text)
	if len(r) <= max {
		return text
	}
	return string(r[:max]) + "…"
}

// MemberKeys parses m's stored keys, skipping any that no longer parse (the
// store validates length only), in their stored order.
func MemberKeys(m model.Member) []MemberKey {
	out := make([]MemberKey, 0, len(m.Keys))
	for _, line := range m.Keys {
		k, err := ParseMemberKey(line)
		if err == nil {
			out = append(out, k)
		}
	}
	return out
}

// SameKey reports whether a and b are the same public key.
func SameKey(a, b gossh.PublicKey) bool {
	return a != nil && b != nil && bytes.Equal(a.Marshal(), b.Marshal())
}

// MemberForKey returns the one live, active member who registered key. A
// key nobody active registered is ErrUnknownKey; a key two members
// registered is ErrAmbiguousKey (refused rather than guessed).
func MemberForKey(members []model.Member, key gossh.PublicKey) (model.Member, error) {
	if key == nil {
		return model.Member{}, ErrUnknownKey
	}
	if _, ok := key.(*gossh.Certificate); ok {
		return model.Member{}, ErrUnknownKey
	}
	var found []model.Member
	for _, m := range members {
		if m.Deleted || !m.Active {
			continue
		}
		for _, k := range MemberKeys(m) {
			if SameKey(k.Key, key) {
				found = append(found, m)
				break
			}
		}
	}
	switch len(found) {
	case 0:
		return model.Member{}, ErrUnknownKey
	case 1:
		return found[0], nil
	}
	return model.Member{}, fmt.Errorf("%w (%s and %s)", ErrAmbiguousKey, found[0].Handle, found[1].Handle)
}
