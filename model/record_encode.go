package model

// The canonical encoding of a record: what decides whether two versions
// differ, and which of two versions with one update time wins a merge.

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

var (
	timeType = reflect.TypeOf(time.Time{})
	metaType = reflect.TypeOf(Meta{})
	uuidType = reflect.TypeOf(uuid.UUID{})
)

// Encode returns an injective encoding of every field of rec except
// Meta.Deleted: fields in declaration order, strings and lists length
// prefixed, times as seconds and nanoseconds since the epoch (so that the
// time zone does not matter). It walks the struct by reflection so that a
// field added to a record later is included without anyone remembering to.
func Encode(rec any) string {
	var b strings.Builder
	encodeValue(&b, reflect.ValueOf(rec))
	return b.String()
}

func encodeValue(b *strings.Builder, v reflect.Value) {
	switch {
	case v.Type() == timeType:
		t := v.Interface().(time.Time)
		b.WriteString("t")
		b.WriteString(strconv.FormatInt(t.Unix(), 10))
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(t.Nanosecond()))
		b.WriteByte(';')
		return
	case v.Type() == uuidType:
		b.WriteString("u")
		b.WriteString(v.Interface().(uuid.UUID).String())
		b.WriteByte(';')
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		b.WriteByte('{')
		for i := 0; i < v.NumField(); i++ {
			if v.Type() == metaType && v.Type().Field(i).Name == "Deleted" {
				continue
			}
			encodeValue(b, v.Field(i))
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
		encodeValue(b, v.Elem())
	case reflect.Slice, reflect.Array:
		b.WriteString("l")
		b.WriteString(strconv.Itoa(v.Len()))
		b.WriteByte(':')
		for i := 0; i < v.Len(); i++ {
			encodeValue(b, v.Index(i))
		}
	default:
		s := fmt.Sprintf("%#v", v.Interface())
		b.WriteString("x")
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
}
