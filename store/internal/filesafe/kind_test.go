package filesafe

import (
	"io/fs"
	"testing"
)

// FileKind names each kind of file that is not a regular one, the
// character device before the device bit it shares with a block device,
// and gives a named pipe its shell name; the refusal of a workspace words
// it with that name.
func TestFileKind(t *testing.T) {
	for _, tt := range []struct {
		mode      fs.FileMode
		kind, aka string
	}{
		{fs.ModeDir | 0o755, "a directory", ""},
		{fs.ModeNamedPipe | 0o644, "a named pipe", "FIFO"},
		{fs.ModeSocket, "a socket", ""},
		{fs.ModeDevice | fs.ModeCharDevice | 0o666, "a character device", ""},
		{fs.ModeDevice | 0o660, "a block device", ""},
		{fs.ModeSymlink | 0o777, "a symbolic link", ""},
		{fs.ModeIrregular, "a special file", ""},
	} {
		if kind, aka := FileKind(tt.mode); kind != tt.kind || aka != tt.aka {
			t.Errorf("FileKind(%v) = %q, %q; want %q, %q", tt.mode, kind, aka, tt.kind, tt.aka)
		}
	}
	for mode, want := range map[fs.FileMode]string{
		fs.ModeNamedPipe:                  "/tmp/p is a named pipe (FIFO), not an align workspace",
		fs.ModeDir:                        "/tmp/p is a directory, not an align workspace",
		fs.ModeDevice | fs.ModeCharDevice: "/tmp/p is a character device, not an align workspace",
	} {
		if got := NotRegularError("/tmp/p", mode).Error(); got != want {
			t.Errorf("NotRegularError for %v = %q, want %q", mode, got, want)
		}
	}
}
