#!/usr/bin/env bash
# The default engine under a wall-clock budget (issue 12's acceptance): for every Corbett net
# (benchmarks/pep/corbett) and every Workcraft STG (benchmarks/stg/workcraft) of the shared data,
# `check --engine explicit --timeout T` as the reference, then the default engine
# (`check --timeout T`, auto). One row per input: the wall-clock seconds of the auto run, each
# property's verdict and the engine that decided it, and whether every auto verdict equals the
# explicit one wherever explicit search finished (or is UNKNOWN). The run ends in a summary:
# the longest auto run and the number of disagreements (expected 0).
# Usage: bench/budget.sh [-t TIMEOUT_S] [FILE...]   (default 20 s; NEUROPROOF_DATA_DIR, default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
timeout_s=20
while getopts "t:" opt; do
  case $opt in
    t) timeout_s=$OPTARG ;;
    *) echo "usage: $0 [-t TIMEOUT_S] [FILE...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
data=${NEUROPROOF_DATA_DIR:-../shared}
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=("$data"/benchmarks/pep/corbett/*.ll_net "$data"/benchmarks/stg/workcraft/*.g)
fi
bin=${NEUROPROOF_BIN:-build/bin/neuroproof}
[ -x "$bin" ] || { echo "$bin not found: run scripts/build.sh first" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq not found (scripts/setup.sh installs it)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '| input | auto s | auto verdicts (deciding engine) | explicit verdicts | agree |\n|---|---:|---|---|---|\n'
longest=0
disagree=0
for f in "${files[@]}"; do
  name=$(basename "$f")
  "$bin" check "$f" --engine explicit --timeout "$timeout_s" -q --out "$work/ex" >/dev/null 2>&1 || true
  start=$(date +%s.%N)
  "$bin" check "$f" --timeout "$timeout_s" -q --out "$work/auto" >/dev/null 2>&1 || true
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  ex=$(jq -r '[.properties[] | "\(.name)=\(.verdict)"] | join(" ")' "$work/ex/summary.json")
  au=$(jq -r '[.properties[] | "\(.name)=\(.verdict)(\(.engine))"] | join(" ")' "$work/auto/summary.json")
  ok=$(jq -n --slurpfile e "$work/ex/summary.json" --slurpfile a "$work/auto/summary.json" '
        [ $a[0].properties[] as $p | ($e[0].properties[] | select(.name == $p.name)) as $q
          | ($p.verdict == "UNKNOWN") or ($q.verdict == "UNKNOWN" and $p.verdict != "ERROR") or ($p.verdict == $q.verdict) ]
        | all')
  [ "$ok" = true ] || disagree=$((disagree + 1))
  longest=$(awk -v a="$secs" -v b="$longest" 'BEGIN { print (a > b ? a : b) }')
  printf '| %s | %.1f | %s | %s | %s |\n' "$name" "$secs" "$au" "$ex" "$( [ "$ok" = true ] && echo yes || echo NO)"
  rm -rf "$work/ex" "$work/auto"
done
printf '\n%d inputs, budget %s s: longest auto run %.1f s, %d disagreements with explicit search\n' \
  "${#files[@]}" "$timeout_s" "$longest" "$disagree"
