#!/usr/bin/env bash
# perf.sh reproduces every performance figure of the README with one command:
#
#   scripts/perf.sh [OUTDIR]        # about 10 minutes on a 2-core machine
#
# It builds align, the floor program (internal/floor), the bare reader
# (internal/barereader), the ttff measuring tool (../shared/tools/ttff, or
# $TTFF_SRC) and the report (internal/perfreport); generates the five-year
# and the one-sprint workspaces with `align demo`; runs the Go benchmarks;
# measures in a pseudo-terminal, in ROUNDS interleaved rounds, the first frame
# and key-to-frame latency of align and of the floor, the run time of `align
# export` and of the bare reader, and peak RSS with /usr/bin/time -v (of the
# TUI, and of the full JSON export and check on 520 sprints against one); and
# prints the table of ratios. Raw results stay in OUTDIR (default: a new
# temporary directory). Not run in CI: it is slow and wants a quiet machine.
#
# Environment: ROUNDS (default 3), RUNS per round (default 10), PRESSES per
# run (default 5), BENCHTIME (default 1s), SKIP_BENCH=1 to skip the Go
# benchmarks, IMPORT_RUNS (default 5) timed runs of each import figure.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$(mktemp -d /tmp/align-perf.XXXXXX)}
rounds=${ROUNDS:-3}
runs=${RUNS:-10}
presses=${PRESSES:-5}
benchtime=${BENCHTIME:-1s}
ttff_src=${TTFF_SRC:-$root/../shared/tools/ttff}

mkdir -p "$out/bin" "$out/ttff" "$out/rss"
rm -f "$out"/ttff/*.json "$out"/rss/*.txt
bin=$out/bin
log() { printf '== %s\n' "$*" >&2; }

[ -x /usr/bin/time ] || { echo "perf.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

log "building into $bin"
# align-static is the README's install command (CGO_ENABLED=0: no dynamic
# loader); align is a default build, as `go build` makes it.
(cd "$root" && go build -o "$bin/align" . && CGO_ENABLED=0 go build -o "$bin/align-static" . &&
	go build -o "$bin/floor" ./internal/floor &&
	go build -o "$bin/bare" ./internal/barereader && go build -o "$bin/perfreport" ./internal/perfreport)
(cd "$ttff_src" && go build -o "$bin/ttff" .)
ttff=$bin/ttff

log "generating the workspaces"
ws_dir=$out/ws
rm -rf "$ws_dir" && mkdir -p "$ws_dir"
"$bin/align" demo --sprints 130 --members 15 --objectives 10 --stories 50 --seed 1 --db "$ws_dir/five-year.db" >&2
"$bin/align" demo --sprints 1 --members 15 --objectives 10 --stories 50 --seed 1 --db "$ws_dir/one-sprint.db" >&2
"$bin/align" demo --sprints 520 --members 15 --objectives 10 --stories 50 --seed 1 --db "$ws_dir/twenty-year.db" >&2
# The first writing open of each file takes its automatic backup and
# verifies the file (store/autobackup.go, store/guard.go); do it here so that
# the rounds measure the everyday open.
for w in one-sprint five-year twenty-year; do
	"$ttff" -runs 1 -warmup 0 -marker "Submissions:" -- "$bin/align" --db "$ws_dir/$w.db" >/dev/null
done
trash=$out/trash # automatic backups moved aside so that the next open owes one
mkdir -p "$trash"
# A copy of five years held under an exclusive flock by this shell, as the
# TUI or serve holds the file during a review: reports then read a snapshot.
cp "$ws_dir/five-year.db" "$ws_dir/held.db"
exec {held_fd}<>"$ws_dir/held.db"
flock -x "$held_fd"

if [ "${SKIP_BENCH:-}" != 1 ]; then
	log "Go benchmarks (-benchtime $benchtime)"
	(cd "$root" && go test -run '^$' -bench . -benchmem -benchtime "$benchtime" -count 1 \
		./bench ./model ./export ./views) | tee "$out/bench.txt" | grep -E '^Benchmark' >&2
fi

# The TUI's first frame is marked by "Submissions:", which only the loaded
# Dashboard draws (not the "loading…" frame), the floor's by its last line.
# Keys: j moves the cursor in both, so every press draws a new frame.
tui() { # label marker command...
	local label=$1 marker=$2
	shift 2
	"$ttff" -runs "$runs" -warmup 1 -presses "$presses" -keys j -marker "$marker" -json -- "$@" \
		>"$out/ttff/$label.$round.json"
}
once() { # label command... (programs that exit by themselves)
	local label=$1
	shift
	"$ttff" -runs "$runs" -warmup 1 -json -- "$@" >"$out/ttff/$label.$round.json"
}

for round in $(seq 1 "$rounds"); do
	log "round $round of $rounds"
	tui floor "end of list" "$bin/floor"
	tui one-sprint "Submissions:" "$bin/align" --db "$ws_dir/one-sprint.db"
	tui five-year "Submissions:" "$bin/align" --db "$ws_dir/five-year.db"
	tui five-year-static "Submissions:" "$bin/align-static" --db "$ws_dir/five-year.db"
	# Every open walks the whole file now (store/guard.go): no stamp lets it
	# skip the walk. The run behind sh (removing the ".NAME-verified" stamp
	# an older align kept beside the backups) stays for comparison with
	# older reports. Both sides pay the same shell.
	for w in one-sprint five-year; do
		"$ttff" -runs "$runs" -warmup 1 -marker "Submissions:" -json -- \
			sh -c "rm -f '$ws_dir'/*/.$w-verified; exec '$bin/align' --db '$ws_dir/$w.db'" \
			>"$out/ttff/$w-changed.$round.json"
	done
	# History: 520 sprints against one, as is and with the daily automatic
	# backup due (its files moved aside by sh, which both sides pay). The
	# TUI takes the backup after its first frame and walks the file while
	# it starts (store/guard_async.go).
	tui twenty-year "Submissions:" "$bin/align" --db "$ws_dir/twenty-year.db"
	for w in one-sprint twenty-year; do
		"$ttff" -runs "$runs" -warmup 1 -marker "Submissions:" -json -- \
			sh -c "mv '$ws_dir'/align-backups/$w-2*.db '$trash'/ 2>/dev/null; exec '$bin/align' --db '$ws_dir/$w.db'" \
			>"$out/ttff/$w-backup-due.$round.json"
		rm -f "$trash"/*
	done
	for w in one-sprint five-year; do
		once "export-$w" "$bin/align" --db "$ws_dir/$w.db" export --format md
		once "bare-$w" "$bin/bare" "$ws_dir/$w.db"
	done
	once version "$bin/align" version # align's start-up alone, no workspace
	once status-held "$bin/align" --db "$ws_dir/held.db" status
	once status-free "$bin/align" --db "$ws_dir/five-year.db" status
	once export-held "$bin/align" --db "$ws_dir/held.db" export --format md
	once export-free "$bin/align" --db "$ws_dir/five-year.db" export --format md
done

flock -u "$held_fd"
exec {held_fd}>&-

log "peak RSS"
rss() { # label command...
	local label=$1 marker=$2
	shift 2
	"$ttff" -runs 5 -warmup 0 -presses 5 -keys j -marker "$marker" -- \
		/usr/bin/time -v -a -o "$out/rss/$label.txt" "$@" >/dev/null
}
rss floor "end of list" "$bin/floor"
rss one-sprint "Submissions:" "$bin/align" --db "$ws_dir/one-sprint.db"
rss five-year "Submissions:" "$bin/align" --db "$ws_dir/five-year.db"
# Readers of the whole history: the full JSON bundle (streamed sprint by
# sprint) and check, on 520 sprints against one; /usr/bin/time's kbytes are
# KiB, the report's MiB.
rss_once() { # label command... (five runs)
	local label=$1
	shift
	for _ in 1 2 3 4 5; do
		/usr/bin/time -v -a -o "$out/rss/$label.txt" "$@" >/dev/null
	done
}
for w in one-sprint twenty-year; do
	rss_once "export-json-all-$w" "$bin/align" --db "$ws_dir/$w.db" export --format json --sprint all -o "$out/export-all-$w.json"
	rss_once "check-$w" "$bin/align" --db "$ws_dir/$w.db" check
done

# Import: every member's --mine bundle, on 1 to 520 sprints and 15 or 50
# members (scripts/perf_import.sh), and the Go benchmark of the same path.
log "align import of the members' bundles"
"$root/scripts/perf_import.sh" "$bin/align" "$out/import" "${IMPORT_RUNS:-5}" >"$out/import.md"
if [ "${SKIP_BENCH:-}" != 1 ]; then
	(cd "$root" && go test -run '^$' -bench BenchmarkImport_CLI -benchtime 5x -count 1 ./cli) |
		tee "$out/bench-import.txt" | grep -E '^Benchmark' >&2
fi

{
	echo "# align performance, $(date -u +%Y-%m-%d)"
	echo
	echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr), $(go version | cut -d' ' -f3)."
	echo "Rounds: $rounds × $runs runs ($presses key presses each), interleaved; raw data in $out."
	echo
	"$bin/perfreport" "$out"
	echo
	cat "$out/import.md"
} | tee "$out/report.md"
