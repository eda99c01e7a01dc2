package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// HostKeyName is the host key's file name beside the workspace file.
const HostKeyName = "align_host_ed25519"

// hostKeyMode is the only mode a host key file may have: readable by its
// owner alone, as OpenSSH demands of private keys.
const hostKeyMode fs.FileMode = 0o600

// DefaultHostKeyPath returns where the host key lives for the workspace at
// dbPath: beside it, in the same (private) data directory.
func DefaultHostKeyPath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), HostKeyName)
}

// LoadOrCreateHostKey returns the server's host key from path, generating
// an ed25519 key there (mode 0600) the first time, so that members see the
// same fingerprint on every start. A key file that others may read is
// refused, as OpenSSH refuses it, and so is a file that is not a private key.
func LoadOrCreateHostKey(path string) (gossh.Signer, error) {
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return createHostKey(path)
	case err != nil:
		return nil, fmt.Errorf("cannot read the host key %s: %v", path, unwrapPath(err))
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the host key %s: %v", path, unwrapPath(err))
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("the host key %s is readable by others (mode %#o): run `chmod 600 %s`, or delete it to make a new one (members will then see a new fingerprint)", path, perm, path)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		var missing *gossh.PassphraseMissingError
		if errors.As(err, &missing) {
			return nil, fmt.Errorf("the host key %s is protected by a passphrase; align serve needs one without", path)
		}
		return nil, fmt.Errorf("%s is not an SSH private key (%v); pass another --host-key, or delete it to make a new one", path, err)
	}
	return signer, nil
}

// createHostKey generates an ed25519 key and writes it to path without ever
// leaving a partial file: it goes to a temporary file in the same directory,
// is synced, and is linked into place only if path still does not exist.
func createHostKey(path string) (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("cannot generate a host key: %v", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "align serve host key")
	if err != nil {
		return nil, fmt.Errorf("cannot encode the host key: %v", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create %s for the host key: %v", dir, unwrapPath(err))
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("cannot write the host key in %s: %v", dir, unwrapPath(err))
	}
	defer os.Remove(tmp.Name())
	if err := writeSynced(tmp, pem.EncodeToMemory(block)); err != nil {
		return nil, fmt.Errorf("cannot write the host key %s: %v", path, err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return LoadOrCreateHostKey(path) // another process made it first
		}
		return nil, fmt.Errorf("cannot write the host key %s: %v", path, unwrapPath(err))
	}
	return gossh.NewSignerFromKey(priv)
}

// writeSynced writes data to f (made 0600 first), syncs and closes it.
func writeSynced(f *os.File, data []byte) error {
	err := f.Chmod(hostKeyMode)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// unwrapPath strips the *fs.PathError wrapper, whose message repeats the path.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
