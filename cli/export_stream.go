package cli

// align export --format json --sprint all, written sprint by sprint from one
// read transaction and signed as it is written, so that memory stays flat
// however long the history.

import (
	"errors"
	"io"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
	gossh "golang.org/x/crypto/ssh"
)

// noAuthorNote warns that a bundle without an author brings nothing a
// workspace with members will accept.
func (a *app) noAuthorNote(author *model.Member) {
	if author == nil {
		a.hint("note: the bundle names no author (pass --as HANDLE); a workspace that has members will refuse any change it brings")
	}
}

// historyBundle returns the writer of the bundle of every sprint: the same
// bytes as export.WriteJSON of the whole workspace, written one sprint at a
// time from one read transaction. Unless withEstimates is set, each sprint
// keeps only the estimates that may travel (model.SealEstimates); how many
// were left out is said once the bundle is written.
func (a *app) historyBundle(st *store.Store, ws store.Workspace, author uuid.UUID, withEstimates bool) func(io.Writer) error {
	at := a.now().UTC()
	return func(w io.Writer) error {
		left := 0
		err := st.ReadHistory(store.DatasetOptions{IncludeDeleted: true}, func(h *store.History) error {
			head := export.NewBundle(ws.Team, ws.ReplicaID, at, export.ScopeAll, model.Dataset{Goals: h.Goals, Members: h.Members})
			head.Author = author
			bs, err := export.StartBundle(w, head)
			if err != nil {
				return err
			}
			for _, sp := range h.Sprints {
				sd, err := h.Sprint(sp.ID)
				if err != nil {
					return err
				}
				if !withEstimates {
					sealed, n := model.SealEstimates(model.Dataset{Sprints: []model.SprintData{sd}}, author)
					sd, left = sealed.Sprints[0], left+n
				}
				if err := bs.Sprint(sd); err != nil {
					return err
				}
			}
			return bs.Close()
		})
		if err == nil && left > 0 {
			a.hint("left out %s of other members: the sprint is not in review yet, or their second round is not revealed (--with-estimates keeps them, for your own second machine)", export.Plural(left, "estimate", "estimates"))
		}
		return err
	}
}

// errSignerDone stops a write whose signer ended before reading it all.
var errSignerDone = errors.New("the signature ended before the bundle")

// signWhileWriting runs write on w and signs the same bytes with s as they
// are written (a pipe into signBundleFrom), so that a bundle of any size is
// signed without being held in memory. It returns the armored signature;
// on any error the caller discards what was written.
func signWhileWriting(w io.Writer, s gossh.Signer, write func(io.Writer) error) ([]byte, error) {
	pr, pw := io.Pipe()
	type result struct {
		sig []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		sig, err := signBundleFrom(pr, s)
		// Whatever the signer left unread must not block the writer.
		pr.CloseWithError(errSignerDone)
		done <- result{sig, err}
	}()
	werr := write(io.MultiWriter(w, pw))
	pw.CloseWithError(werr) // nil: the signer reads to the end
	res := <-done
	switch {
	case res.err != nil:
		return nil, res.err
	case werr != nil:
		return nil, werr
	}
	return res.sig, nil
}
