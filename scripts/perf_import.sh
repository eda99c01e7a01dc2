#!/usr/bin/env bash
# perf_import.sh times `align import` of every member's `--mine` bundle, on
# workspaces that differ only in history, and prints the ratios:
#
#   scripts/perf_import.sh ALIGN OUTDIR [RUNS]
#
# ALIGN is the align binary to time, OUTDIR a directory for the workspaces
# and bundles (made if missing), RUNS the timed runs of each figure (default
# 7). scripts/perf.sh runs it; it runs alone as well. The workspaces are
# `align demo --seed 7 --objectives 10 --stories 50` with 1, 130 and 520
# sprints and 15 members, and 130 sprints with 50 members. Each member, in
# a copy of the workspace, changes one estimate of the current sprint and
# exports their own (`align export --format json --mine --as HANDLE`). Two
# figures per workspace, medians of RUNS:
#   - first import: the bundles into a fresh copy of the workspace (each
#     writes one changed estimate), the copy made outside the timing;
#   - re-import: the same bundles again, which changes nothing.
set -euo pipefail

align=${1:?usage: perf_import.sh ALIGN OUTDIR [RUNS]}
out=${2:?usage: perf_import.sh ALIGN OUTDIR [RUNS]}
runs=${3:-7}
mkdir -p "$out"

# bundles WS DIR: every member's --mine bundle with one changed estimate.
bundles() {
	local ws=$1 dir=$2 obj h n=0
	rm -rf "$dir" && mkdir -p "$dir"
	obj=$(ALIGN_DB=$ws "$align" objective list | awk 'NR==2 {print $NF}')
	for h in $(ALIGN_DB=$ws "$align" member list | awk 'NR>1 {print $1}'); do
		n=$((n + 1))
		cp "$ws" "$dir/member.db"
		ALIGN_DB=$dir/member.db "$align" assess --as "$h" --objective "$obj" --progress $((n % 100)) >/dev/null 2>&1
		ALIGN_DB=$dir/member.db "$align" export --format json --mine --as "$h" -o "$dir/$h.json" 2>/dev/null
		rm -f "$dir/member.db" "$dir"/member.db.*
	done
	rm -rf "$dir/align-backups"
}

# ms COMMAND...: wall milliseconds of one run.
ms() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A first again
cases="1x15 130x15 520x15 130x50"
for c in $cases; do
	sprints=${c%x*} members=${c#*x}
	ws=$out/ws-$c.db
	if [ ! -f "$ws" ]; then
		"$align" demo --seed 7 --sprints "$sprints" --members "$members" --objectives 10 --stories 50 --db "$ws" >/dev/null
		bundles "$ws" "$out/bundles-$c"
	fi
done
# warm FILE: a writing open that changes nothing, outside the timing: the
# first writing open of a copied file takes its daily backup and walks it.
warm() { ALIGN_DB=$1 "$align" config require-signed-bundles false >/dev/null; }
for round in $(seq 1 "$runs"); do
	for c in $cases; do
		ws=$out/ws-$c.db
		cp "$ws" "$out/run.db"
		warm "$out/run.db"
		ms env ALIGN_DB="$out/run.db" "$align" import "$out/bundles-$c"/*.json >>"$out/first-$c.txt"
		ms env ALIGN_DB="$out/run.db" "$align" import "$out/bundles-$c"/*.json >>"$out/again-$c.txt"
		rm -f "$out/run.db" "$out"/run.db.*
	done
done
for c in $cases; do
	first[$c]=$(median <"$out/first-$c.txt")
	again[$c]=$(median <"$out/again-$c.txt")
	rm -f "$out/first-$c.txt" "$out/again-$c.txt"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f×", a / b}'; }
echo "| import (sprints × members) | first import | re-import | first, / one sprint |"
echo "| --- | --- | --- | --- |"
for c in $cases; do
	echo "| ${c/x/ × } | ${first[$c]} ms | ${again[$c]} ms | $(ratio "${first[$c]}" "${first[1x15]}") |"
done
