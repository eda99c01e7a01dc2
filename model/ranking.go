package model

import "github.com/google/uuid"

// OffsetWindow is how many sprints before the one shown the usual offsets
// rest on, as the History screen's calibration does: recent habit, and a
// cost that does not grow with the workspace's age.
const OffsetWindow = 6

// PastOffsets returns the members' usual offsets (Offsets) from past, the
// sprints before the one shown, nearest first; only the first OffsetWindow
// count.
func PastOffsets(past []SprintData, members []Member) map[uuid.UUID]float64 {
	if len(past) > OffsetWindow {
		past = past[:OffsetWindow]
	}
	scores, _ := Scores(past, members)
	return Offsets(scores)
}

// Rank puts r's agenda in the order setting s asks for: with
// s.RankByAdjusted by the spread net of habit (RankAdjusted over offsets),
// otherwise left as Analyze ranked it, by the raw spread. r.Offsets is set
// to offsets and r.RankedByAdjusted to the setting. Every agenda — status, the Review screen, the markdown
// summary — is ordered through this one function.
func Rank(r SprintReport, s Settings, offsets map[uuid.UUID]float64) SprintReport {
	r.Offsets, r.RankedByAdjusted = offsets, s.RankByAdjusted
	if s.RankByAdjusted {
		r.Agenda = RankAdjusted(r.Agenda, offsets)
	}
	return r
}

// AgendaOrder says what r's agenda is ordered by, for a header: "most
// disputed first", or when Rank ranked it net of habit "most disputed net
// of habit first".
func AgendaOrder(r SprintReport) string {
	if r.RankedByAdjusted {
		return "most disputed net of habit first"
	}
	return "most disputed first"
}
