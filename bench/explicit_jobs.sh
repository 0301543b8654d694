#!/usr/bin/env bash
# The explicit engine's speedup from worker threads: for each net, deadlock checking without
# reduction up to a fixed number of stored states (default 8,000,000), with 1 and with N workers
# (default 2), one after the other, R rounds (default 2) interleaved so that a noisy machine
# affects both alike. Prints states/s per run and, per net, the ratio of the medians.
#
# Usage: bench/explicit_jobs.sh [NET...]   (default: rrr20-1 rrr30-1 hartstone_25, Corbett's nets
#        in NEUROPROOF_DATA_DIR, default ../shared)
# Environment: JOBS (N), ROUNDS (R), MAX_STATES.
# Exit status: 0 done; 2 a tool is missing (jq, build/bin/neuroproof) or a net is not found.
set -uo pipefail
cd "$(dirname "$0")/.."
data=${NEUROPROOF_DATA_DIR:-../shared}/benchmarks/pep/corbett
np=build/bin/neuroproof
jobs=${JOBS:-2}
rounds=${ROUNDS:-2}
max=${MAX_STATES:-8000000}
command -v jq >/dev/null && [ -x "$np" ] || { echo "needs jq and $np" >&2; exit 2; }
[ $# -gt 0 ] || set -- rrr20-1 rrr30-1 hartstone_25
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for net in "$@"; do
    file=$(ls "$data/$net".ll_net "$data/$net".*.ll_net 2>/dev/null | head -1)
    [ -n "$file" ] || { echo "no net $net in $data" >&2; exit 2; }
    : >"$out/1"; : >"$out/N"
    for ((r = 1; r <= rounds; ++r)); do
        for j in 1 "$jobs"; do
            "$np" check "$file" -p deadlock --engine explicit --max-states "$max" --jobs "$j" --in-process --quiet \
                --out "$out/run" >/dev/null 2>&1
            rate=$(jq -r '.properties[0] | .states / .seconds' "$out/run/summary.json")
            printf '%-14s jobs=%-2s round %d  %s\n' "$net" "$j" "$r" \
                "$(jq -r '.properties[0] | "\(.states) states \(.seconds) s"' "$out/run/summary.json") $(printf '%.0f' "$rate") st/s"
            [ "$j" = 1 ] && echo "$rate" >>"$out/1" || echo "$rate" >>"$out/N"
        done
    done
    awk -v n="$net" -v j="$jobs" -v a="$(median <"$out/N")" -v b="$(median <"$out/1")" \
        'BEGIN {printf "%-14s speedup %s workers / 1 (median states/s): %.2f\n", n, j, a / b}'
done
