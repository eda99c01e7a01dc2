package cli

// Reading, signing and writing the organisation's goals file, and checking
// its signature: the bundle's SSH signatures (bundle_sign.go) in a
// namespace of their own, so that a bundle's signature never passes for
// the goals' and the other way round.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/hiddeco/sshsig"
	gossh "golang.org/x/crypto/ssh"
)

// orgNamespace is the SSH signature namespace of goals files.
const orgNamespace = "align-org-goals"

// defaultOrgFile is where the goals file lives in the shared repository.
const defaultOrgFile = "org/goals.json"

// orgFile is a goals file as read: the organisation, its exact bytes and
// its signature (nil when there is no FILE.sig).
type orgFile struct {
	path string
	org  model.Org
	raw  []byte
	sig  []byte
}

// readOrgFile reads and decodes the goals file at path with its signature.
func readOrgFile(path string) (orgFile, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return orgFile{}, fmt.Errorf("%s does not exist; the organisation's keepers create it with align org init (or give the file with --file)", path)
	}
	if err != nil {
		return orgFile{}, fmt.Errorf("%s: cannot read it: %v", path, unwrapPath(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return orgFile{}, fmt.Errorf("%s is a directory; give the goals file (e.g. %s)", path, filepath.Join(path, "goals.json"))
	}
	raw, err := io.ReadAll(io.LimitReader(f, export.MaxOrgSize+1))
	if err != nil {
		return orgFile{}, fmt.Errorf("%s: cannot read it: %v", path, unwrapPath(err))
	}
	o, err := export.DecodeOrg(bytes.NewReader(raw))
	if err != nil {
		return orgFile{}, fmt.Errorf("%s: %v", path, err)
	}
	sig, err := readSignature(path)
	if err != nil {
		return orgFile{}, err
	}
	return orgFile{path: path, org: o, raw: raw, sig: sig}, nil
}

// verifyOrg checks the file's signature over its exact bytes and returns
// the fingerprint of the key that made it; the key must be one of the
// file's own keepers' (model.CheckOrgSigner adds the workspace's rules).
func verifyOrg(f orgFile) (string, error) {
	if f.sig == nil {
		return "", fmt.Errorf("%s is not signed (there is no %s%s); goals files must be signed by a keeper (align org commands sign them)", f.path, f.path, sigSuffix)
	}
	sig, err := sshsig.Unarmor(f.sig)
	if err != nil {
		return "", fmt.Errorf("%s%s is not an SSH signature (%v)", f.path, sigSuffix, err)
	}
	if err := checkSigIn(f.raw, sig, orgNamespace, "organisation goals"); err != nil {
		return "", fmt.Errorf("%s: %v", f.path, err)
	}
	fp := fingerprintOf(sig.PublicKey)
	if _, ok := f.org.KeeperFingerprints()[fp]; !ok {
		return "", fmt.Errorf("%s is signed with the key %s, which is not one of its keepers' keys", f.path, fp)
	}
	return fp, nil
}

// orgSigner finds the key a keeper signs with: the private key file
// keyPath, else the first key in ssh-agent that is a keeper's. With
// keepers nil (a new organisation) any key will do.
func (a *app) orgSigner(keepers map[string]string, keyPath string) (gossh.Signer, error) {
	if keyPath != "" {
		s, err := loadKeyFile(keyPath)
		if err != nil {
			return nil, err
		}
		fp := fingerprintOf(s.PublicKey())
		if _, ok := keepers[fp]; keepers != nil && !ok {
			return nil, fmt.Errorf("the key %s (%s) is not a keeper's; a keeper adds it with align org keeper add NAME --key-file %s.pub", keyPath, fp, keyPath)
		}
		return s, nil
	}
	signers, conn := a.agentSigners()
	for _, s := range signers {
		if _, ok := keepers[fingerprintOf(s.PublicKey())]; keepers == nil || ok {
			return agentSigner{Signer: s, conn: conn}, nil
		}
	}
	if conn != nil {
		conn.Close()
	}
	return nil, errors.New("no keeper's key is at hand: pass --key ~/.ssh/id_ed25519 (a private key without passphrase), or add the key to ssh-agent")
}

// writeOrgFile writes o to path with its signature by s in path.sig,
// each file whole or not at all.
func writeOrgFile(path string, o model.Org, s gossh.Signer) error {
	var buf bytes.Buffer
	if err := export.WriteOrg(&buf, o); err != nil {
		return err
	}
	sig, err := signIn(buf.Bytes(), s, orgNamespace, "the goals file")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(path, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return err
	}
	return writeFileAtomic(path+sigSuffix, func(w io.Writer) error { _, err := w.Write(sig); return err })
}

// editOrg reads the goals file at path, checks that a keeper signed it,
// applies change and writes the result signed by a keeper's key.
func (a *app) editOrg(path, keyPath string, change func(model.Org) (model.Org, error)) (model.Org, error) {
	f, err := readOrgFile(path)
	if err != nil {
		return model.Org{}, err
	}
	if _, err := verifyOrg(f); err != nil {
		return model.Org{}, fmt.Errorf("%v; nothing was changed", err)
	}
	s, err := a.orgSigner(f.org.KeeperFingerprints(), keyPath)
	if err != nil {
		return model.Org{}, err
	}
	o, err := change(f.org)
	if err != nil {
		if as, ok := s.(agentSigner); ok {
			as.conn.Close()
		}
		return model.Org{}, fmt.Errorf("%v; %s was not changed", err, path)
	}
	return o, writeOrgFile(path, o, s)
}

// gosshMarshal is a signer's public key in authorized_keys form.
func gosshMarshal(s gossh.Signer) []byte { return gossh.MarshalAuthorizedKey(s.PublicKey()) }
