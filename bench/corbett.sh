#!/usr/bin/env bash
# Deadlock checking on Corbett's Petri-net benchmarks (PEP .ll_net): one row per net with
# places, transitions, reachable states, verdict and seconds; a per-net limit of 20 s by default
# (UNKNOWN past it), and the total. Usage: bench/corbett.sh [TIMEOUT_S] [NET...]
# NP_FLAGS adds options to every check, e.g. NP_FLAGS="--engine explicit --por" (stubborn sets)
# or NP_FLAGS="--engine explicit" (the full explicit search alone).
# Needs build/bin/neuroproof (scripts/build.sh) and jq; NEUROPROOF_DATA_DIR defaults to ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
timeout_s=${1:-20}
shift || true
data=${NEUROPROOF_DATA_DIR:-../shared}
nets=("$@")
[ ${#nets[@]} -gt 0 ] || nets=("$data"/benchmarks/pep/corbett/*.ll_net)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-22s %7s %7s %12s %-8s %9s\n' net places trans states deadlock seconds
start=$(date +%s.%N)
for net in "${nets[@]}"; do
  name=$(basename "$net" .ll_net)
  set +e
  # shellcheck disable=SC2086
  build/bin/neuroproof check "$net" --property deadlock --timeout "$timeout_s" --quiet --out "$out/$name" ${NP_FLAGS:-} >/dev/null 2>"$out/$name.err"
  code=$?
  set -e
  if [ "$code" -eq 2 ]; then
    printf '%-22s %s\n' "$name" "input error: $(head -1 "$out/$name.err")"
    continue
  fi
  jq -r --arg n "$name" '[$n, .model.places, .model.transitions, .properties[0].states, .properties[0].verdict,
      (.properties[0].seconds * 1000 | round / 1000)] | @tsv' "$out/$name/summary.json" |
    awk -F'\t' '{ printf "%-22s %7s %7s %12s %-8s %9.3f\n", $1, $2, $3, $4, $5, $6 }'
done
awk -v s="$start" -v e="$(date +%s.%N)" -v n="${#nets[@]}" 'BEGIN { printf "total: %d nets in %.1f s (wall clock, including start-up)\n", n, e - s }'
