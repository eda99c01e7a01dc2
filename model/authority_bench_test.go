package model

import "testing"

// BenchmarkCheckAuthority_Reimport checks a member's authority over a
// workspace of about 29,000 records brought back unchanged (the worst
// case: every record compared, none changed), next to
// BenchmarkMerge_Reimport, the merge the check follows.
func BenchmarkCheckAuthority_Reimport(b *testing.B) {
	d := mtLargeWorkspace(100)
	if len(d.Members) == 0 {
		b.Fatal("no members")
	}
	author := Author{ID: d.Members[len(d.Members)-1].ID}
	for b.Loop() {
		if rs := CheckAuthority(d, d, author); len(rs) != 0 {
			b.Fatal(rs)
		}
	}
}
