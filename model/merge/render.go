package merge

// Comparison and short human renderings of records, for merges.

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

var (
	timeType = reflect.TypeOf(time.Time{})
	metaType = reflect.TypeOf(model.Meta{})
	uuidType = reflect.TypeOf(uuid.UUID{})
)

// label names a record, looking up the member and objective an
// assessment or outcome refers to.
func label(e *entry, merged map[uuid.UUID]*entry) string {
	name := namer(merged)
	switch r := e.rec.(type) {
	case model.Assessment:
		return name(r.MemberID) + " on " + name(r.ObjectiveID)
	case model.Outcome:
		return name(r.ObjectiveID)
	}
	return model.RecordLabel(e.rec)
}

// namer returns a function naming the record with a given ID by its
// label, or by its ID when it has none.
func namer(merged map[uuid.UUID]*entry) func(uuid.UUID) string {
	return func(id uuid.UUID) string {
		if t := merged[id]; t != nil {
			if l := model.RecordLabel(t.rec); l != "" {
				return l
			}
		}
		return id.String()
	}
}

// maxFields caps how many differing fields a rendering lists.
const maxFields = 5

// renderPair renders two versions (of one record, or of two records of
// one type) side by side: the fields that differ, whether the version is
// deleted, and when it was last updated. References are shown by the
// referenced record's label (name). A nil side renders as "".
func renderPair(a, b *entry, name func(uuid.UUID) string) (string, string) {
	var fa, fb []string
	if a != nil && b != nil {
		va, vb := reflect.ValueOf(a.rec), reflect.ValueOf(b.rec)
		t := va.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Type == metaType {
				continue
			}
			x, y := va.Field(i), vb.Field(i)
			if model.Encode(x.Interface()) == model.Encode(y.Interface()) {
				continue
			}
			if len(fa) == maxFields {
				fa, fb = append(fa, "…"), append(fb, "…")
				break
			}
			field := fieldName(f.Name)
			fa = append(fa, field+"="+show(x, name))
			fb = append(fb, field+"="+show(y, name))
		}
	}
	return renderOne(a, fa), renderOne(b, fb)
}

func renderOne(e *entry, fields []string) string {
	if e == nil {
		return ""
	}
	if e.meta.Deleted {
		fields = append([]string{"deleted"}, fields...)
	}
	fields = append(fields, "updated "+stamp(e.meta.UpdatedAt))
	return strings.Join(fields, ", ")
}

// fieldName turns a Go field name into the word users see:
// "ObjectiveID" → "objective", "CarriedFrom" → "carried-from".
func fieldName(s string) string {
	s = strings.TrimSuffix(s, "ID")
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('-')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// show renders one field value briefly.
func show(v reflect.Value, name func(uuid.UUID) string) string {
	switch {
	case v.Type() == timeType:
		t := v.Interface().(time.Time).UTC()
		if t.Equal(model.Day(t)) {
			return t.Format(model.DateLayout)
		}
		return t.Format(time.RFC3339)
	case v.Type() == uuidType:
		id := v.Interface().(uuid.UUID)
		if id == uuid.Nil {
			return "none"
		}
		return strconv.Quote(name(id))
	}
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(model.Truncate(v.String(), 40))
	case reflect.Pointer:
		if v.IsNil() {
			return "none"
		}
		return show(v.Elem(), name)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String {
			return showStrings(v.Interface().([]string))
		}
		return fmt.Sprintf("%d item(s)", v.Len())
	}
	return fmt.Sprint(v.Interface())
}

// showStrings renders a list of strings in full, keys by their
// fingerprints: a member's keys decide who may sign in and sign bundles, so
// a change to them is shown, never counted.
func showStrings(s []string) string {
	parts := make([]string, len(s))
	for i, x := range s {
		if k, ok := model.ParseKeyLine(x); ok {
			parts[i] = k.String()
		} else {
			parts[i] = strconv.Quote(model.Truncate(x, 40))
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
