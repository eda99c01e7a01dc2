package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/align-team/align/model"
)

// rollupTrust decides whether the roll-up may read the goals file of, whose
// signature verified with the key fp of one of the keepers the file itself
// names. A file can name any keepers, so that alone proves only that whoever
// wrote it signed it: when the workspace of this command (--db, ALIGN_DB or
// the default) follows this organisation, the signer must be a keeper it
// trusts, as for align org import; otherwise the roll-up says whose key
// signed the goals, for the reader to compare.
func (a *app) rollupTrust(of orgFile, fp string) error {
	if path, err := a.dbPath(); err == nil {
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
			st, err := a.openPath(path, true)
			if err != nil {
				return fmt.Errorf("%v; the roll-up checks the goals' signer against this workspace (pass --db for another one)", err)
			}
			ws, err := st.Workspace()
			st.Close()
			if err != nil {
				return err
			}
			if ws.Settings.Org != "" && strings.EqualFold(ws.Settings.Org, of.org.Name) {
				if _, err := model.CheckOrgSigner(ws.Settings, of.org, fp); err != nil {
					return fmt.Errorf("%s: %v; the roll-up was not made (workspace %s)", of.path, err, path)
				}
				return nil
			}
		}
	}
	a.hint("note: %s is signed by %s with %s, a keeper the file itself names; no workspace here follows %q to check that key against: compare it with the keepers' fingerprints, or pass --db a workspace that imported the goals (align org import) to check it",
		of.path, of.org.KeeperFingerprints()[fp], fp, of.org.Name)
	return nil
}
