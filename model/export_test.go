package model

// Fixtures of the in-package tests, exported to the external tests
// (package model_test) that need package merge.

// FxNow is the fixed clock of every model test.
var FxNow = fxNow

// FxEst is a member's estimate of an objective (fxEst).
var FxEst = fxEst

// SealedFixtureForTest is sealedFixture: the auth fixture's workspace with
// ana's and bo's estimates, the outcome revealed when sealed, and fay (a
// member without an estimate), the objective and its outcome.
func SealedFixtureForTest(sealed bool) (fay Member, obj Objective, outcome Outcome, d Dataset) {
	f, d := sealedFixture(sealed)
	return f.fay, f.obj, f.outcome, d
}
