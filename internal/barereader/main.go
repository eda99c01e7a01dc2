// Command barereader is the floor for align's one-shot commands: a bare Go
// process that opens a workspace file with bbolt (read-only, as `align
// export` does), reads one bucket — every sprint header — and prints how many
// records and bytes it read. `align export` of a sprint is reported as a
// ratio to its run time (scripts/perf.sh): the rest is align's own work.
//
// Usage: barereader FILE
package main

import (
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: barereader FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "barereader:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	var records, size int
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("sprints"))
		if b == nil {
			return fmt.Errorf("%s has no sprints bucket", path)
		}
		return b.ForEach(func(k, v []byte) error {
			records++
			size += len(k) + len(v)
			return nil
		})
	})
	if err != nil {
		return err
	}
	fmt.Printf("%d records, %d bytes\n", records, size)
	return nil
}
