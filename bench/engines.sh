#!/usr/bin/env bash
# Every engine on every shipped example: one row per (example, engine) with the verdict of each
# property, wall-clock seconds and peak memory (maximum resident set size) of the whole
# `neuroproof check` process. Memory comes from GNU time (/usr/bin/time -v) when it is installed,
# else from the kernel's peak (VmHWM in /proc/<pid>/status, sampled until the process ends).
# Usage: bench/engines.sh [-t TIMEOUT_S] [-d DEPTH] [-e "explicit bmc kind spacer abc-pdr auto"] [FILE...]
#   default files: examples/**/*.g and examples/**/*.np; default timeout 60 s per run, depth 30.
# Needs build/bin/neuroproof (scripts/build.sh; NEUROPROOF_BIN overrides the path) and jq. Exit status 0 unless a run had bad input.
set -euo pipefail
cd "$(dirname "$0")/.."
timeout_s=60
depth=30
engines="explicit bmc kind spacer abc-pdr auto"
while getopts "t:d:e:" opt; do
  case $opt in
    t) timeout_s=$OPTARG ;;
    d) depth=$OPTARG ;;
    e) engines=$OPTARG ;;
    *) echo "usage: $0 [-t TIMEOUT_S] [-d DEPTH] [-e ENGINES] [FILE...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  shopt -s globstar nullglob
  files=(examples/**/*.g examples/**/*.np)
fi
bin=${NEUROPROOF_BIN:-build/bin/neuroproof}
[ -x "$bin" ] || { echo "$bin not found: run scripts/build.sh first" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq not found (scripts/setup.sh installs it)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Runs the command, prints "SECONDS PEAK_KIB EXIT_CODE" on fd 3.
measure() {
  local start end code peak
  if [ -x /usr/bin/time ]; then
    start=$(date +%s.%N)
    set +e
    /usr/bin/time -v -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt"
    code=$?
    set -e
    end=$(date +%s.%N)
    peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time.txt")
  else
    start=$(date +%s.%N)
    "$@" >/dev/null 2>"$out/stderr.txt" &
    local pid=$! hwm
    peak=0
    while kill -0 "$pid" 2>/dev/null; do
      hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
      sleep 0.05
    done
    set +e
    wait "$pid"
    code=$?
    set -e
    end=$(date +%s.%N)
  fi
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }') ${peak:-0} $code" >&3
}

printf '%-34s %-9s %9s %10s  %s\n' example engine seconds peak_MiB verdicts
for f in "${files[@]}"; do
  name=$(basename "$f")
  for e in $engines; do
    dir="$out/run"
    rm -rf "$dir"
    read -r secs peak code < <(measure "$bin" check "$f" --engine "$e" --depth "$depth" --timeout "$timeout_s" \
                                 --out "$dir" -q 3>&1 >/dev/null)
    if [ "$code" -eq 2 ]; then
      printf '%-34s %-9s %s\n' "$name" "$e" "input or usage error: $(head -1 "$out/stderr.txt")"
      continue
    fi
    verdicts=$(jq -r '[.properties[] | "\(.name)=\(.verdict)"] | join(" ")' "$dir/summary.json")
    printf '%-34s %-9s %9.2f %10.1f  %s\n' "$name" "$e" "$secs" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')" "$verdicts"
  done
done
