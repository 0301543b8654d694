#!/usr/bin/env bash
# `neuroproof equiv` (the per-event induction proof, docs/equivalence.md) on the shipped core
# configurations, then on every seeded mutant of core_small.json: verdict, settling bound,
# symbolic states and wall-clock seconds, one after the other in one run.
# Usage: bench/per_event.sh [TIMEOUT_S]   (default 1800 per run; needs build/bin/neuroproof)
set -uo pipefail
cd "$(dirname "$0")/.."
limit="${1:-1800}"
np=build/bin/neuroproof
design=examples/speck_core/speck_core_open.np
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() {  # name, config, extra args...
    local name=$1 cfg=$2
    shift 2
    local start end log="$out/$name.log"
    start=$(date +%s.%N)
    timeout "$limit" "$np" equiv "$design" --reference "$cfg" -q -o "$out/$name" "$@" > "$log" 2>&1
    end=$(date +%s.%N)
    local verdict bound
    verdict=$(head -1 "$log" | awk '{print $2}')
    bound=$(grep -o 'settling bound B: [0-9]*' "$log" | awk '{print $4}')
    states=$(grep -o '[0-9]* symbolic states' "$log" | head -1 | awk '{print $1}')
    printf '| %s | %s | %s | %s | %.1f |\n' "$name" "${verdict:-TIMEOUT}" "${bound:--}" "${states:--}" "$(echo "$end - $start" | bc)"
}
echo "| run | verdict | B | symbolic states | seconds |"
echo "|---|---|---|---|---|"
for cfg in core_tiny core_small core_pool; do run "$cfg" "examples/speck_core/$cfg.json"; done
for m in $(seq 1 16); do run "core_small MUTANT=$m" examples/speck_core/core_small.json --param "MUTANT=$m"; done
