package export

// The organisation's goals file (org/goals.json in the teams' shared
// repository): the organisation's name, its keepers' public keys and its
// goals with their IDs, which every team's objectives link to.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/align-team/align/model"
)

// OrgFormat and OrgVersion identify an organisation's goals file.
const (
	OrgFormat  = "align-org-goals"
	OrgVersion = 1
)

// MaxOrgSize is the largest goals file DecodeOrg reads, in bytes.
const MaxOrgSize = 4 << 20

type wireOrg struct {
	Format    string       `json:"format"`
	Version   int          `json:"version"`
	Name      string       `json:"organisation"`
	UpdatedAt string       `json:"updated_at"`
	Keepers   []wireKeeper `json:"keepers"`
	Goals     []wireGoal   `json:"goals"`
}

type wireKeeper struct {
	Name string `json:"name"`
	Key  string `json:"ssh_key"`
}

// WriteOrg writes o as indented JSON, goals in the order o lists them.
func WriteOrg(w io.Writer, o model.Org) error {
	wo := wireOrg{Format: OrgFormat, Version: OrgVersion, Name: o.Name, UpdatedAt: fmtTime(o.UpdatedAt),
		Keepers: []wireKeeper{}, Goals: []wireGoal{}}
	for _, k := range o.Keepers {
		wo.Keepers = append(wo.Keepers, wireKeeper{Name: k.Name, Key: k.Key})
	}
	for _, g := range o.Goals {
		wo.Goals = append(wo.Goals, wireGoal{wireMeta: toMeta(g.Meta), Title: g.Title, Description: g.Description, Archived: g.Archived})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(wo)
}

// DecodeOrg reads a goals file: at most MaxOrgSize bytes of JSON with
// exactly the documented fields, of this format and version, whose
// organisation validates (model.Org.Validate). Errors name the field.
func DecodeOrg(r io.Reader) (model.Org, error) {
	var w wireOrg
	if err := orgFileKind.decode(r, &w); err != nil {
		return model.Org{}, err
	}
	var p parser
	o := model.Org{Name: model.Sanitize(w.Name, false), UpdatedAt: p.time("", "header", "", "updated_at", w.UpdatedAt)}
	for _, k := range w.Keepers {
		o.Keepers = append(o.Keepers, model.Keeper{Name: model.Sanitize(k.Name, false), Key: strings.TrimSpace(k.Key)})
	}
	for i, g := range w.Goals {
		goal := model.Goal{Meta: p.meta(fmt.Sprintf("goals[%d]", i), "goal", g.wireMeta), Title: g.Title, Description: g.Description, Archived: g.Archived}
		goal.Normalize()
		o.Goals = append(o.Goals, goal)
	}
	if p.err != nil {
		return model.Org{}, fmt.Errorf("goals file: %v", strings.TrimPrefix(p.err.Error(), "bundle: "))
	}
	if err := o.Validate(); err != nil {
		return model.Org{}, fmt.Errorf("goals file: %v", err)
	}
	return o, nil
}

// orgFileKind is how DecodeOrg reads a goals file.
var orgFileKind = strictFile{what: "goals file", kind: "an organisation's goals file", max: MaxOrgSize,
	format: OrgFormat, version: OrgVersion,
	empty: fmt.Sprintf("expected a JSON object with \"format\": %q (made by align org init)", OrgFormat)}

// strictFile is a kind of JSON file that is read whole and strictly: the
// goals file and a team's summary.
type strictFile struct {
	what, kind string // the file's name in errors, and what it is ("a team's summary")
	max        int    // its largest size in bytes
	format     string
	version    int
	empty      string // what an empty file's error goes on to say
}

// decode reads at most f.max bytes of JSON into dst, a pointer to the
// file's wire struct: of f's format and version (headerOf), with exactly
// the documented fields (checkShape), no unknown ones. Errors start with
// f.what.
func (f strictFile) decode(r io.Reader, dst any) error {
	data, err := io.ReadAll(io.LimitReader(r, int64(f.max)+1))
	if err != nil {
		return fmt.Errorf("%s: %v", f.what, err)
	}
	if len(data) > f.max {
		return fmt.Errorf("%s: larger than %d MiB; this is not %s", f.what, f.max>>20, f.kind)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%s: the file is empty; %s", f.what, f.empty)
	}
	if err := headerOf(data, f.format, f.version, f.what); err != nil {
		return err
	}
	if err := checkShape(data, reflect.TypeOf(dst).Elem()); err != nil {
		return fmt.Errorf("%s: %s", f.what, strings.TrimPrefix(err.Error(), "bundle: "))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("%s: %v", f.what, err)
	}
	return nil
}

// headerOf checks a file's format and version leniently, so that another
// kind of file, or a newer version, is named as such.
func headerOf(data []byte, format string, version int, what string) error {
	var h struct {
		Format  *string `json:"format"`
		Version *int    `json:"version"`
	}
	if json.Unmarshal(data, &h) != nil {
		return nil // left to the shape check to explain
	}
	switch {
	case h.Format == nil:
		return fmt.Errorf("%s: the \"format\" field is missing (want %q)", what, format)
	case *h.Format != format:
		return fmt.Errorf("%s: this is a %q file, not %q", what, *h.Format, format)
	case h.Version == nil:
		return fmt.Errorf("%s: the \"version\" field is missing (this align reads version %d)", what, version)
	case *h.Version > version:
		return fmt.Errorf("%s: version %d was written by a newer align (this one reads version %d); upgrade align", what, *h.Version, version)
	case *h.Version != version:
		return fmt.Errorf("%s: version %d is not supported (this align reads version %d)", what, *h.Version, version)
	}
	return nil
}
