package store

import bolt "go.etcd.io/bbolt"

// Version returns the id of the file's latest committed transaction: it
// grows with every commit, so two reads that see the same version read the
// same data. A cache of what was read (views' shared snapshot for align
// serve) keys on it. Only meaningful while this process holds the file's
// write lock (no other process can commit meanwhile).
func (s *Store) Version() (uint64, error) {
	var v uint64
	err := s.viewEarly(func(tx *bolt.Tx) error { v = uint64(tx.ID()); return nil })
	return v, err
}
