package cli

// align export --format json: who the author is, what the bundle may carry,
// and its signature.

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
	gossh "golang.org/x/crypto/ssh"
)

// bundleJob is a bundle ready to write, with what signing it needs.
type bundleJob struct {
	bundle   export.Bundle
	stream   func(io.Writer) error // when set, writes the bundle instead of bundle (--sprint all)
	author   *model.Member         // nil when the bundle names no author
	settings model.Settings
}

// write writes the job's bundle to w.
func (j bundleJob) write(w io.Writer) error {
	if j.stream != nil {
		return j.stream(w)
	}
	return export.WriteJSON(w, j.bundle)
}

// bundleExporter builds the JSON bundle of one sprint, of everything (all),
// or of the author's own records (mine).
func (a *app) bundleExporter(st *store.Store, ref string, all, mine, withEstimates bool) (bundleJob, error) {
	ws, err := st.Workspace()
	if err != nil {
		return bundleJob{}, err
	}
	ms, err := liveMembers(st)
	if err != nil {
		return bundleJob{}, err
	}
	author, err := a.exportAuthor(ms, ws.Settings)
	if err != nil {
		return bundleJob{}, err
	}
	job := bundleJob{author: author, settings: ws.Settings}
	if mine {
		job.bundle, err = a.mineBundle(st, ws, *author, ref)
		return job, err
	}
	authorID := uuid.Nil
	if author != nil {
		authorID = author.ID
	}
	if all {
		job.stream = a.historyBundle(st, ws, authorID, withEstimates)
		a.noAuthorNote(author)
		return job, nil
	}
	sp, err := a.findSprint(st, ref)
	if err != nil {
		return bundleJob{}, err
	}
	ds, err := st.Dataset(store.DatasetOptions{Sprint: sp.ID, IncludeDeleted: true})
	if err != nil {
		return bundleJob{}, err
	}
	a.noAuthorNote(author)
	if !withEstimates {
		var left int
		if ds, left = model.SealEstimates(ds, authorID); left > 0 {
			a.hint("left out %s of other members: the sprint is not in review yet, or their second round is not revealed (--with-estimates keeps them, for your own second machine)", export.Plural(left, "estimate", "estimates"))
		}
	}
	job.bundle = export.NewBundle(ws.Team, ws.ReplicaID, a.now().UTC(), export.ScopeSprint, ds)
	job.bundle.Author = authorID
	return job, nil
}

// exportAuthor decides who writes the bundle: the member of --as or
// ALIGN_MEMBER; else the owner of the configured signing key; else the
// workspace's only active facilitator; else the one facilitator whose key
// the running ssh-agent holds. nil when none of these says.
func (a *app) exportAuthor(ms []model.Member, settings model.Settings) (*model.Member, error) {
	if h, source := a.actingGiven(); h != "" {
		m, err := actingAmong(h, source, ms)
		if err != nil {
			return nil, err
		}
		return &m, nil
	}
	if settings.SigningKey != "" {
		s, err := loadKeyFile(settings.SigningKey)
		if err != nil {
			return nil, err
		}
		if owner := keyOwner(ms, fingerprintOf(s.PublicKey())); owner != nil {
			return owner, nil
		}
	}
	var facs []model.Member
	for _, m := range ms {
		if m.Facilitator && m.Active {
			facs = append(facs, m)
		}
	}
	if len(facs) == 1 {
		return &facs[0], nil
	}
	// Several facilitators: the one whose key the running agent holds.
	if signers, conn := a.agentSigners(); conn != nil {
		conn.Close()
		var found []*model.Member
		for _, s := range signers {
			if o := keyOwner(facs, fingerprintOf(s.PublicKey())); o != nil && !slices.ContainsFunc(found, func(m *model.Member) bool { return m.ID == o.ID }) {
				found = append(found, o)
			}
		}
		if len(found) == 1 {
			return found[0], nil
		}
	}
	return nil, nil
}

// mineBundle builds the bundle of one member's own records in one sprint:
// their member record and every estimate of theirs, tombstones included so
// that a withdrawn estimate is withdrawn at the facilitator's too. Nothing
// else rides along: the sprint is named by id only.
func (a *app) mineBundle(st *store.Store, ws store.Workspace, m model.Member, ref string) (export.Bundle, error) {
	sp, err := a.findSprint(st, ref)
	if err != nil {
		return export.Bundle{}, err
	}
	full, err := st.Dataset(store.DatasetOptions{Sprint: sp.ID, IncludeDeleted: true})
	if err != nil {
		return export.Bundle{}, err
	}
	if len(full.Sprints) != 1 {
		return export.Bundle{}, fmt.Errorf("sprint %q could not be read", sp.Name)
	}
	sd := model.SprintData{Sprint: model.Sprint{Meta: model.Meta{ID: sp.ID}}}
	live := 0
	for _, x := range slices.Concat(full.Sprints[0].Assessments, full.Sprints[0].Round2) {
		if x.MemberID == m.ID {
			sd.Assessments = append(sd.Assessments, x)
			if !x.Deleted {
				live++
			}
		}
	}
	if live == 0 {
		a.hint("%s has no estimates in sprint %q yet; the bundle holds none (assess with `align assess --as %s`)", m.Handle, sp.Name, m.Handle)
	}
	d := model.Dataset{Members: []model.Member{m}, Sprints: []model.SprintData{sd}}
	b := export.NewBundle(ws.Team, ws.ReplicaID, a.now().UTC(), export.ScopeMine, d)
	b.Author = m.ID
	return b, nil
}

// writeBundle writes the bundle to output (standard output for "" or "-")
// and, for a file, its signature to output.sig when a key of the author's
// is at hand. An unsigned file loses any older .sig beside it, which would
// no longer match.
func (a *app) writeBundle(job bundleJob, output string) error {
	if output == "" || output == "-" {
		if job.settings.SigningKey != "" {
			a.hint("note: a bundle on standard output is not signed; write it with -o FILE to sign it (FILE.sig)")
		}
		bw := bufio.NewWriter(a.out())
		if err := job.write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	var signer gossh.Signer
	signedWith := ""
	if job.author != nil {
		s, ok, err := a.bundleSigner(job.settings, *job.author)
		if err != nil {
			return err
		}
		if ok {
			signer, signedWith = s, fingerprintOf(s.PublicKey())
		}
	}
	if signer == nil && job.author != nil && len(job.author.Keys) > 0 {
		a.hint("note: %s is not signed: no key of %s's is at hand (align config signing-key PATH, or add it to ssh-agent); workspaces that know %s's keys may refuse it", output, job.author.Handle, job.author.Handle)
	}
	var sig []byte
	err := writeFileAtomic(output, func(w io.Writer) error {
		if signer == nil {
			return job.write(w)
		}
		var err error
		sig, err = signWhileWriting(w, signer, job.write)
		return err
	})
	if err != nil {
		return err
	}
	sigPath := output + sigSuffix
	if sig == nil {
		if err := os.Remove(sigPath); err == nil {
			a.hint("removed %s: %s is not signed this time, and the old signature would not match it", sigPath, output)
		}
		return nil
	}
	if err := writeFileAtomic(sigPath, func(w io.Writer) error { _, err := w.Write(sig); return err }); err != nil {
		return err
	}
	a.hint("signed %s as %s with %s: %s", output, job.author.Handle, signedWith, sigPath)
	return nil
}
