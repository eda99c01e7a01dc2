package model

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
)

// TestEncode_EveryFieldCounts changes each field of each record type in
// turn and checks that the canonical encoding changes, except for Deleted.
func TestEncode_EveryFieldCounts(t *testing.T) {
	recs := fxEveryKind()
	for _, rec := range recs {
		base := Encode(rec)
		cp := reflect.New(reflect.TypeOf(rec)).Elem() // an addressable copy, edited field by field
		cp.Set(reflect.ValueOf(rec))
		var walk func(v reflect.Value, path string)
		walk = func(v reflect.Value, path string) {
			for i := 0; i < v.NumField(); i++ {
				f, name := v.Field(i), path+v.Type().Field(i).Name
				if f.Type() == metaType {
					walk(f, name+".")
					continue
				}
				old := reflect.New(f.Type()).Elem()
				old.Set(f)
				fxNudge(t, f)
				changed := Encode(cp.Interface()) != base
				f.Set(old)
				if changed == (name == "Meta.Deleted") {
					t.Errorf("%T.%s: encoding changed = %v", rec, name, changed)
				}
			}
		}
		walk(cp, "")
	}
}

// fxNudge changes v to a different value of its type.
func fxNudge(t *testing.T, v reflect.Value) {
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Nanosecond)))
		return
	case v.Type() == uuidType:
		id := v.Interface().(uuid.UUID)
		id[5]++
		v.Set(reflect.ValueOf(id))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Int:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		} else {
			v.Set(reflect.Zero(v.Type()))
		}
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
	default:
		t.Fatalf("fxNudge: add a case for %s", v.Type())
	}
}
