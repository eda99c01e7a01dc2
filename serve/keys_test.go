package serve

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	gossh "golang.org/x/crypto/ssh"
)

func authorized(k gossh.PublicKey) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k)))
}

func TestParseMemberKey_Table(t *testing.T) {
	ed := authorized(testKey(t, 1).PublicKey())
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	weakPub, _ := gossh.NewPublicKey(&weak.PublicKey)
	cert := &gossh.Certificate{Key: testKey(t, 2).PublicKey(), CertType: gossh.UserCert, ValidPrincipals: []string{"ana"}, ValidBefore: gossh.CertTimeInfinity}
	if err := cert.SignCert(rand.Reader, testKey(t, 3)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in, line, err string
	}{
		{name: "with comment", in: ed + " ana@laptop", line: ed + " ana@laptop"},
		{name: "no comment, spaces around", in: "  " + ed + "\n", line: ed},
		{name: "control characters in the comment", in: ed + " ana\x1b[31m@x", line: ed + " ana@x"},
		{name: "empty", in: "  ", err: "the key is empty"},
		{name: "garbage", in: "hello world", err: `"hello world" is not an SSH public key`},
		{name: "private key", in: "-----BEGIN OPENSSH PRIVATE KEY-----", err: "PRIVATE key"},
		{name: "options", in: `from="10.0.0.1" ` + ed, err: `key options such as "from=\"10.0.0.1\"" are not supported`},
		{name: "two lines", in: ed + "\n" + ed, err: "one key at a time, got 2 lines"},
		{name: "certificate", in: authorized(cert), err: "certificates are not supported"},
		{name: "weak rsa", in: authorized(weakPub), err: "has 1024 bits, fewer than 2048"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := ParseMemberKey(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if k.Line != tt.line {
				t.Errorf("Line = %q, want %q", k.Line, tt.line)
			}
			if !strings.HasPrefix(k.Fingerprint(), "SHA256:") {
				t.Errorf("Fingerprint = %q", k.Fingerprint())
			}
		})
	}
}

func TestMemberForKey_Table(t *testing.T) {
	a, b, c := testKey(t, 1).PublicKey(), testKey(t, 2).PublicKey(), testKey(t, 3).PublicKey()
	member := func(handle string, active, deleted bool, keys ...gossh.PublicKey) model.Member {
		m := model.Member{Meta: model.NewMeta(time.Unix(0, 0)), Handle: handle, Active: active}
		m.ID = uuid.New()
		m.Deleted = deleted
		for _, k := range keys {
			m.Keys = append(m.Keys, authorized(k)+" "+handle)
		}
		return m
	}
	ms := []model.Member{
		member("ana", true, false, a),
		member("bo", false, false, b), // removed from the team
		member("cy", true, true, b),   // deleted
		member("di", true, false, c),  // c twice: ambiguous
		member("ed", true, false, c),
		{Handle: "fay", Active: true, Keys: []string{"garbage"}},
	}
	tests := []struct {
		name   string
		key    gossh.PublicKey
		handle string
		err    error
	}{
		{"registered", a, "ana", nil},
		{"inactive or deleted only", b, "", ErrUnknownKey},
		{"two members", c, "", ErrAmbiguousKey},
		{"nobody's", testKey(t, 4).PublicKey(), "", ErrUnknownKey},
		{"nil", nil, "", ErrUnknownKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := MemberForKey(ms, tt.key)
			if !errors.Is(err, tt.err) || m.Handle != tt.handle {
				t.Fatalf("MemberForKey = %q, %v; want %q, %v", m.Handle, err, tt.handle, tt.err)
			}
		})
	}
}

func TestIsLoopback_Table(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:2222", true},
		{"[::1]:2222", true},
		{"localhost:2222", true},
		{"0.0.0.0:2222", false},
		{"[::]:2222", false},
		{"192.168.1.5:2222", false},
		{":2222", false},
		{"nonsense", false},
	}
	for _, tt := range tests {
		if got := isLoopback(tt.addr); got != tt.want {
			t.Errorf("isLoopback(%q) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

func TestServer_Serve_WarnsBeyondLoopback(t *testing.T) {
	st := newTestStore(t)
	logs := &syncBuffer{}
	srv, err := New(Config{Store: st, HostKeyPath: t.TempDir() + "/" + HostKeyName, Log: logs})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Skipf("cannot listen beyond loopback here: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "warning: "+ln.Addr().String()+" is reachable from other machines") {
		t.Errorf("no warning in the log:\n%s", logs.String())
	}
}

func TestNew_Refusals(t *testing.T) {
	st := newTestStore(t)
	key := t.TempDir() + "/" + HostKeyName
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no store", Config{HostKeyPath: key}, "no workspace"},
		{"negative idle timeout", Config{Store: st, HostKeyPath: key, IdleTimeout: -time.Second}, "--idle-timeout -1s is negative"},
		{"negative max sessions", Config{Store: st, HostKeyPath: key, MaxSessions: -1}, "--max-sessions -1 is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
