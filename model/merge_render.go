package model

// Canonical encoding, comparison and short human renderings of records,
// for merges.

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
)

var (
	mrgTimeType = reflect.TypeOf(time.Time{})
	mrgMetaType = reflect.TypeOf(Meta{})
	mrgUUIDType = reflect.TypeOf(uuid.UUID{})
)

// mrgEncode returns an injective encoding of every field of rec except
// Meta.Deleted: fields in declaration order, strings and lists length
// prefixed, times as seconds and nanoseconds since the epoch (so that the
// time zone does not matter). It walks the struct by reflection so that a
// field added to a record later is included without anyone remembering to.
func mrgEncode(rec any) string {
	var b strings.Builder
	mrgEncodeValue(&b, reflect.ValueOf(rec))
	return b.String()
}

func mrgEncodeValue(b *strings.Builder, v reflect.Value) {
	switch {
	case v.Type() == mrgTimeType:
		t := v.Interface().(time.Time)
		b.WriteString("t")
		b.WriteString(strconv.FormatInt(t.Unix(), 10))
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(t.Nanosecond()))
		b.WriteByte(';')
		return
	case v.Type() == mrgUUIDType:
		b.WriteString("u")
		b.WriteString(v.Interface().(uuid.UUID).String())
		b.WriteByte(';')
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		b.WriteByte('{')
		for i := 0; i < v.NumField(); i++ {
			if v.Type() == mrgMetaType && v.Type().Field(i).Name == "Deleted" {
				continue
			}
			mrgEncodeValue(b, v.Field(i))
		}
		b.WriteByte('}')
	case reflect.String:
		s := v.String()
		b.WriteString("s")
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	case reflect.Bool:
		if v.Bool() {
			b.WriteString("T")
		} else {
			b.WriteString("F")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString("i")
		b.WriteString(strconv.FormatInt(v.Int(), 10))
		b.WriteByte(';')
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString("n")
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
		b.WriteByte(';')
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("N")
			return
		}
		b.WriteString("P")
		mrgEncodeValue(b, v.Elem())
	case reflect.Slice, reflect.Array:
		b.WriteString("l")
		b.WriteString(strconv.Itoa(v.Len()))
		b.WriteByte(':')
		for i := 0; i < v.Len(); i++ {
			mrgEncodeValue(b, v.Index(i))
		}
	default:
		s := fmt.Sprintf("%#v", v.Interface())
		b.WriteString("x")
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
}

// mrgOwnLabel names a record from its own fields.
func mrgOwnLabel(rec any) string {
	var s string
	switch r := rec.(type) {
	case Goal:
		s = r.Title
	case Member:
		s = r.Handle
	case Sprint:
		s = r.Name
	case Objective:
		s = r.Title
	case Story:
		s = r.Title
		if r.Key != "" {
			s = r.Key + " " + s
		}
	case ActionItem:
		s = r.Text
	}
	return mrgTruncate(s, 60)
}

// mrgLabel names a record, looking up the member and objective an
// assessment or outcome refers to.
func mrgLabel(e *mrgEntry, merged map[uuid.UUID]*mrgEntry) string {
	name := mrgNamer(merged)
	switch r := e.rec.(type) {
	case Assessment:
		return name(r.MemberID) + " on " + name(r.ObjectiveID)
	case Outcome:
		return name(r.ObjectiveID)
	}
	return mrgOwnLabel(e.rec)
}

// mrgNamer returns a function naming the record with a given ID by its
// label, or by its ID when it has none.
func mrgNamer(merged map[uuid.UUID]*mrgEntry) func(uuid.UUID) string {
	return func(id uuid.UUID) string {
		if t := merged[id]; t != nil {
			if l := mrgOwnLabel(t.rec); l != "" {
				return l
			}
		}
		return id.String()
	}
}

// mrgMaxFields caps how many differing fields a rendering lists.
const mrgMaxFields = 5

// mrgRenderPair renders two versions (of one record, or of two records of
// one type) side by side: the fields that differ, whether the version is
// deleted, and when it was last updated. References are shown by the
// referenced record's label (name). A nil side renders as "".
func mrgRenderPair(a, b *mrgEntry, name func(uuid.UUID) string) (string, string) {
	var fa, fb []string
	if a != nil && b != nil {
		va, vb := reflect.ValueOf(a.rec), reflect.ValueOf(b.rec)
		t := va.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Type == mrgMetaType {
				continue
			}
			x, y := va.Field(i), vb.Field(i)
			var ex, ey strings.Builder
			mrgEncodeValue(&ex, x)
			mrgEncodeValue(&ey, y)
			if ex.String() == ey.String() {
				continue
			}
			if len(fa) == mrgMaxFields {
				fa, fb = append(fa, "…"), append(fb, "…")
				break
			}
			field := mrgFieldName(f.Name)
			fa = append(fa, field+"="+mrgShow(x, name))
			fb = append(fb, field+"="+mrgShow(y, name))
		}
	}
	return mrgRenderOne(a, fa), mrgRenderOne(b, fb)
}

func mrgRenderOne(e *mrgEntry, fields []string) string {
	if e == nil {
		return ""
	}
	if e.meta.Deleted {
		fields = append([]string{"deleted"}, fields...)
	}
	fields = append(fields, "updated "+mrgStamp(e.meta.UpdatedAt))
	return strings.Join(fields, ", ")
}

// mrgFieldName turns a Go field name into the word users see:
// "ObjectiveID" → "objective", "CarriedFrom" → "carried-from".
func mrgFieldName(s string) string {
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

// mrgShow renders one field value briefly.
func mrgShow(v reflect.Value, name func(uuid.UUID) string) string {
	switch {
	case v.Type() == mrgTimeType:
		t := v.Interface().(time.Time).UTC()
		if t.Equal(Day(t)) {
			return t.Format(DateLayout)
		}
		return t.Format(time.RFC3339)
	case v.Type() == mrgUUIDType:
		id := v.Interface().(uuid.UUID)
		if id == uuid.Nil {
			return "none"
		}
		return strconv.Quote(name(id))
	}
	switch v.Kind() {
	case reflect.String:
		return strconv.Quote(mrgTruncate(v.String(), 40))
	case reflect.Pointer:
		if v.IsNil() {
			return "none"
		}
		return mrgShow(v.Elem(), name)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.String {
			return mrgShowStrings(v.Interface().([]string))
		}
		return fmt.Sprintf("%d item(s)", v.Len())
	}
	return fmt.Sprint(v.Interface())
}

// mrgTruncate shortens s to at most n runes, marking the cut with "…".
func mrgTruncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// mrgRankLess orders two versions of one record by rule 1: UpdatedAt, then
// the canonical encoding.
func mrgRankLess(a, b *mrgEntry) bool {
	if c := a.meta.UpdatedAt.Compare(b.meta.UpdatedAt); c != 0 {
		return c < 0
	}
	return a.encoding() < b.encoding()
}

func mrgIDLess(a, b uuid.UUID) bool { return bytes.Compare(a[:], b[:]) < 0 }

// mrgSameContent reports whether two versions agree in every field but
// Deleted. Most versions a merge compares are identical, so it first tries a
// cheap comparison of the values and encodes them only when that fails
// (times in different zones, say).
func mrgSameContent(a, b *mrgEntry) bool {
	if a.kind == b.kind && a.meta.ID == b.meta.ID && a.meta.UpdatedAt.Equal(b.meta.UpdatedAt) && mrgQuickEqual(a.rec, b.rec) {
		return true
	}
	return a.encoding() == b.encoding()
}

// mrgQuickEqual compares two records of one type with ==, ignoring Deleted;
// false means "not known to be equal".
func mrgQuickEqual(a, b any) bool {
	switch x := a.(type) {
	case Goal:
		y := b.(Goal)
		x.Deleted, y.Deleted = false, false
		return x == y
	case Member:
		y := b.(Member)
		if !slices.Equal(x.Keys, y.Keys) {
			return false
		}
		x.Deleted, y.Deleted, x.Keys, y.Keys = false, false, nil, nil
		return reflect.DeepEqual(x, y)
	case Sprint:
		y := b.(Sprint)
		x.Deleted, y.Deleted = false, false
		return x == y
	case Objective:
		y := b.(Objective)
		if !mrgEqualInt(x.Baseline, y.Baseline) {
			return false
		}
		x.Deleted, y.Deleted, x.Baseline, y.Baseline = false, false, nil, nil
		return x == y
	case Story:
		y := b.(Story)
		x.Deleted, y.Deleted = false, false
		return x == y
	case Assessment:
		y := b.(Assessment)
		x.Deleted, y.Deleted = false, false
		return x == y
	case Outcome:
		y := b.(Outcome)
		if !mrgEqualInt(x.Agreed, y.Agreed) {
			return false
		}
		x.Deleted, y.Deleted, x.Agreed, y.Agreed = false, false, nil, nil
		return x == y
	case ActionItem:
		y := b.(ActionItem)
		x.Deleted, y.Deleted = false, false
		return x == y
	}
	return false
}

func mrgEqualInt(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// mrgShowStrings renders a list of strings in full, keys by their
// fingerprints: a member's keys decide who may sign in and sign bundles, so
// a change to them is shown, never counted.
func mrgShowStrings(s []string) string {
	parts := make([]string, len(s))
	for i, x := range s {
		if k, ok := ParseKeyLine(x); ok {
			parts[i] = k.String()
		} else {
			parts[i] = strconv.Quote(mrgTruncate(x, 40))
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
