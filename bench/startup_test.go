package bench

import (
	"testing"
	"time"

	"github.com/align-team/align/store"
)

// BenchmarkStartup_Open measures what a writing open costs before the
// caller may go on, at 1, 130 and 520 sprints: "walk-first" is the ordinary
// open (the whole page walk before Open returns, as every command has it);
// "tui" is the TUI's open (store.Options.VerifyInBackground and
// DeferAutoBackup), which returns after checking only what bbolt and the
// open read, the walk going on while the program starts.
func BenchmarkStartup_Open(b *testing.B) {
	for _, w := range Histories {
		for _, mode := range []struct {
			name string
			opt  store.Options
		}{
			{"walk-first", store.Options{}},
			{"tui", store.Options{VerifyInBackground: true, DeferAutoBackup: true}},
		} {
			b.Run(w.Name+"/"+mode.name, func(b *testing.B) {
				path, err := w.File()
				if err != nil {
					b.Fatal(err)
				}
				openStore(b, w).Close() // build the file and take its first backup outside the timing
				opt := mode.opt
				opt.Now = func() time.Time { return Now }
				b.ReportAllocs()
				for b.Loop() {
					st, err := store.Open(path, opt)
					if err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					if err := st.Verified(); err != nil {
						b.Fatal(err)
					}
					_ = st.Close()
					b.StartTimer()
				}
			})
		}
	}
}

// BenchmarkStartup_OpenLoad is the TUI's open followed by the first load
// (which waits for the background walk), at 1, 130 and 520 sprints: the
// work that must be done before the first frame can show the workspace.
func BenchmarkStartup_OpenLoad(b *testing.B) {
	for _, w := range Histories {
		b.Run(w.Name, func(b *testing.B) {
			path, err := w.File()
			if err != nil {
				b.Fatal(err)
			}
			openStore(b, w).Close()
			opt := store.Options{VerifyInBackground: true, DeferAutoBackup: true, Now: func() time.Time { return Now }}
			b.ReportAllocs()
			for b.Loop() {
				st, err := store.Open(path, opt)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := loadCurrent(st); err != nil {
					b.Fatal(err)
				}
				b.StopTimer() // Close waits for the rest of the walk
				_ = st.Close()
				b.StartTimer()
			}
		})
	}
}
