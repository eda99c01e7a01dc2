//go:build !faultinject

package filesafe

// FailAt is a point where a write can be made to fail in tests built with
// -tags faultinject (see fault_inject.go). In normal builds it does nothing.
func FailAt(string) error { return nil }
