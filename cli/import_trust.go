package cli

// Who wrote a bundle: its detached signature, checked against the keys this
// workspace already knows, or its word when it is not signed.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	"github.com/hiddeco/sshsig"
	gossh "golang.org/x/crypto/ssh"
)

// readSignature reads path+".sig" when it exists; nil when it does not.
func readSignature(path string) ([]byte, error) {
	f, err := os.Open(path + sigSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s%s: cannot read it: %v; nothing was imported", path, sigSuffix, unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSigSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s%s: cannot read it: %v; nothing was imported", path, sigSuffix, unwrapPath(err))
	}
	if len(data) > maxSigSize {
		return nil, fmt.Errorf("%s%s is larger than any SSH signature (%d KiB); nothing was imported", path, sigSuffix, maxSigSize>>10)
	}
	return data, nil
}

// checkTrust decides who wrote each bundle. A signed bundle's signature
// must verify, over the file's exact bytes and in align's namespace, with
// one of the registered keys of the active member the bundle names as its
// author; then the author counts as proven (model.Author.Signed). The keys
// are this workspace's own, never the bundle's: except in a workspace that
// has no members yet, where the first bundle's own keys are all there is
// (trust on first use, reported by printFirstUse). An unsigned bundle is
// refused when required is set, or when it names a facilitator with keys
// registered here; otherwise it is taken at its word with a warning, and
// the authority rules limit what its author may change.
func (a *app) checkTrust(files []bundleFile, local model.Dataset, required bool) error {
	known := local.Members
	if len(known) == 0 && len(files) > 0 {
		known = files[0].data.Members
	}
	for i := range files {
		f := &files[i]
		f.author = model.Author{ID: f.bundle.Author}
		if f.sig == nil {
			if required {
				return fmt.Errorf("%s is not signed (%s), and this workspace accepts signed bundles only (align config require-signed-bundles); nothing was imported", f.name, noSig(f.name))
			}
			if fac, ok := model.KeyedFacilitator(local.Members, f.bundle.Author); ok {
				return fmt.Errorf("%s names %s as its author, a facilitator whose keys this workspace knows, but is not signed (%s): a facilitator's bundles must be signed with a known key; nothing was imported", f.name, fac, noSig(f.name))
			}
			if f.bundle.Author == uuid.Nil {
				a.hint("warning: %s is not signed and names no author; in a workspace with members it may change nothing", f.name)
			} else {
				who := authorName(known, f.bundle.Author)
				a.hint("warning: %s is not signed, so anyone could have written it; it is taken as %s's and may change only what %s may", f.name, who, who)
			}
			continue
		}
		by, err := verifyBundle(f.raw, f.sig, f.bundle.Author, known)
		if err != nil {
			return fmt.Errorf("%s: %v; nothing was imported", f.name, err)
		}
		f.author.Signed, f.signedBy = true, by
	}
	return nil
}

// noSig says why a bundle has no signature.
func noSig(name string) string {
	if name == stdinName {
		return "a bundle on standard input has none; import the file, with its .sig beside it"
	}
	return "there is no " + name + sigSuffix
}

// authorName is the handle of the member id names, else the id.
func authorName(ms []model.Member, id uuid.UUID) string {
	for _, m := range ms {
		if m.ID == id {
			return m.Handle
		}
	}
	return "member " + id.String()
}

// verifyBundle checks an armored SSH signature over data against the
// registered keys of the member author among ms (model.CheckSigner decides
// whose key may sign), and returns "signed by fay
// with ED25519 SHA256:…".
func verifyBundle(data, armored []byte, author uuid.UUID, ms []model.Member) (string, error) {
	sig, err := sshsig.Unarmor(armored)
	if err != nil {
		return "", fmt.Errorf("the signature file is not an SSH signature (%v)", err)
	}
	fp := gossh.FingerprintSHA256(sig.PublicKey)
	me, err := model.CheckSigner(ms, author, fp, keyOwner(ms, fp))
	if err != nil {
		return "", err
	}
	if err := checkSigIn(data, sig, sigNamespace, "align bundles"); err != nil {
		return "", err
	}
	return fmt.Sprintf("signed by %s with %s %s", me.Handle, sig.PublicKey.Type(), fp), nil
}

// keyOwner returns the live member who registered the key with SHA256
// fingerprint fp, or nil.
func keyOwner(ms []model.Member, fp string) *model.Member {
	for i := range ms {
		if ms[i].Deleted {
			continue
		}
		for _, line := range ms[i].Keys {
			if pub, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line)); err == nil && gossh.FingerprintSHA256(pub) == fp {
				return &ms[i]
			}
		}
	}
	return nil
}

// printFirstUse tells a workspace's first import which facilitators and
// keys it now trusts, as ssh shows a new host key: check them with the
// people before relying on them.
func printFirstUse(w io.Writer, merged model.Dataset) {
	var facs []model.Member
	for _, m := range merged.Members {
		if m.Facilitator && m.Active && !m.Deleted {
			facs = append(facs, m)
		}
	}
	slices.SortFunc(facs, func(a, b model.Member) int {
		if a.Handle < b.Handle {
			return -1
		}
		return 1
	})
	fmt.Fprintln(w, "First import into this workspace: from now on it trusts these facilitators and keys, as the bundle names them.")
	fmt.Fprintln(w, "Check the fingerprints with the people (as ssh asks about a new host key); later bundles must match them:")
	if len(facs) == 0 {
		fmt.Fprintln(w, "  (the bundle names no facilitator)")
	}
	for _, m := range facs {
		if len(m.Keys) == 0 {
			fmt.Fprintf(w, "  %s (%s), facilitator, no keys registered\n", m.Handle, m.Name)
		}
		for _, k := range m.Keys {
			fmt.Fprintf(w, "  %s (%s), facilitator, %s\n", m.Handle, m.Name, keyFingerprint(k))
		}
	}
}
