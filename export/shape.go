package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// checkShape walks data token by token against the wire type t and reports
// the first place where the JSON does not have exactly t's shape: a syntax
// error, a key that is unknown, repeated or differs only in case (which
// encoding/json would silently accept), a missing key, a null where a value
// is required, or a value of the wrong type. Because every value must match
// the schema, arbitrarily deep nesting is rejected at the first level that
// does not fit. After the value only white space may follow.
func checkShape(data []byte, t reflect.Type) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	c := shapeChecker{dec: dec, data: data}
	if err := c.value(t, ""); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("bundle: unexpected data after the bundle's closing brace %s", c.where(dec.InputOffset()))
	}
	return nil
}

type shapeChecker struct {
	dec  *json.Decoder
	data []byte
}

// ShapeError reports a bundle whose JSON does not have the documented shape.
type ShapeError struct {
	Path string // JSON path, e.g. "sprints[0].assessments[2].progress"
	Msg  string
	Line int // 1-based line of the problem in the input
}

func (e *ShapeError) Error() string {
	path := e.Path
	if path == "" {
		path = "top level"
	}
	return fmt.Sprintf("bundle: %s (line %d): %s", path, e.Line, e.Msg)
}

func (c *shapeChecker) fail(path, format string, args ...any) error {
	line := 1 + bytes.Count(c.data[:min(int(c.dec.InputOffset()), len(c.data))], []byte("\n"))
	return &ShapeError{Path: path, Msg: fmt.Sprintf(format, args...), Line: line}
}

// where describes a byte offset as a line and column.
func (c *shapeChecker) where(off int64) string {
	off = min(max(off, 0), int64(len(c.data)))
	before := c.data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return fmt.Sprintf("at line %d, column %d", line, col)
}

// token reads the next token, turning syntax errors and early ends into
// messages that say where the input broke.
func (c *shapeChecker) token() (json.Token, error) {
	tok, err := c.dec.Token()
	if err == nil {
		return tok, nil
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, errors.New("bundle: the JSON is truncated: it ends before the bundle is complete")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return nil, fmt.Errorf("bundle: invalid JSON %s: %s", c.where(se.Offset), se.Error())
	}
	return nil, fmt.Errorf("bundle: invalid JSON %s: %w", c.where(c.dec.InputOffset()), err)
}

type wireField struct {
	name string
	typ  reflect.Type
	// optional: the key may be absent (it reads as its zero value): keys
	// tagged omitempty (the encoder leaves them out when zero) and keys
	// tagged bundle:"optional", added after the format's release, so that
	// older bundles still import.
	optional bool
}

// wireFields lists the JSON fields of struct type t in declaration order,
// flattening embedded structs as encoding/json does.
func wireFields(t reflect.Type) []wireField {
	var out []wireField
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			out = append(out, wireFields(f.Type)...)
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		optional := opts == "omitempty" || f.Tag.Get("bundle") == "optional"
		out = append(out, wireField{name: name, typ: f.Type, optional: optional})
	}
	return out
}

func describeTok(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			return "an object"
		case '[':
			return "an array"
		}
		return fmt.Sprintf("%q", string(v))
	case string:
		if len(v) > 40 {
			v = v[:40] + "…"
		}
		return fmt.Sprintf("the string %q", v)
	case json.Number:
		return "the number " + string(v)
	case bool:
		return "the boolean " + strconv.FormatBool(v)
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", tok)
}

// describeType names what a value of wire type t looks like in JSON.
func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "an object"
	case reflect.Slice:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Int:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	}
	return t.String()
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (c *shapeChecker) value(t reflect.Type, path string) error {
	tok, err := c.token()
	if err != nil {
		return err
	}
	if tok == nil {
		if t.Kind() == reflect.Pointer {
			return nil
		}
		return c.fail(path, "must not be null: expected %s, found null", describeType(t))
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return c.fail(path, "expected an object, found %s", describeTok(tok))
		}
		return c.object(t, path)
	case reflect.Slice:
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return c.fail(path, "expected an array, found %s", describeTok(tok))
		}
		for i := 0; c.dec.More(); i++ {
			if err := c.value(t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		_, err := c.token() // ']'
		return err
	case reflect.String:
		if _, ok := tok.(string); !ok {
			return c.fail(path, "expected a string, found %s", describeTok(tok))
		}
	case reflect.Int:
		n, ok := tok.(json.Number)
		if !ok {
			return c.fail(path, "expected a whole number, found %s", describeTok(tok))
		}
		if strings.ContainsAny(string(n), ".eE") {
			return c.fail(path, "expected a whole number, found %s", n)
		}
		if _, err := strconv.ParseInt(string(n), 10, 0); err != nil {
			return c.fail(path, "%s is out of range for a whole number", n)
		}
	case reflect.Float64:
		n, ok := tok.(json.Number)
		if !ok {
			return c.fail(path, "expected a number, found %s", describeTok(tok))
		}
		if _, err := strconv.ParseFloat(string(n), 64); err != nil {
			return c.fail(path, "%s is out of range for a number", n)
		}
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return c.fail(path, "expected true or false, found %s", describeTok(tok))
		}
	default:
		return c.fail(path, "internal error: no shape rule for %s", t)
	}
	return nil
}

func (c *shapeChecker) object(t reflect.Type, path string) error {
	fields := wireFields(t)
	seen := make(map[string]bool, len(fields))
	for c.dec.More() {
		tok, err := c.token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		var ft reflect.Type
		for _, f := range fields {
			if f.name == key {
				ft = f.typ
				break
			}
		}
		if ft == nil {
			for _, f := range fields {
				if strings.EqualFold(f.name, key) {
					return c.fail(join(path, key), "key %q differs only in case from %q; keys are case-sensitive", key, f.name)
				}
			}
			return c.fail(join(path, key), "unknown field %q; allowed: %s", key, fieldNames(fields))
		}
		if seen[key] {
			return c.fail(join(path, key), "duplicate key %q", key)
		}
		seen[key] = true
		if err := c.value(ft, join(path, key)); err != nil {
			return err
		}
	}
	if _, err := c.token(); err != nil { // '}'
		return err
	}
	for _, f := range fields {
		if !seen[f.name] && !f.optional {
			return c.fail(path, "missing field %q", f.name)
		}
	}
	return nil
}

func fieldNames(fields []wireField) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}
