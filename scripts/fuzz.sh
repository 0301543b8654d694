#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader with libFuzzer (tests/fuzz/README.md).
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]     (default: 600 s each, every harness)
#
# Builds the harnesses with clang, ASan and UBSan (CMakePresets.json preset `fuzz`, in
# build-fuzz/), starts each from its seeds (tests/fuzz/seeds.txt, read in place) and its corpus
# of earlier runs (build-fuzz/corpus/HARNESS), and runs JOBS harnesses at a time (default 1).
# Crashes, leaks, time-outs and out-of-memory inputs land in build-fuzz/artifacts/HARNESS/; keep
# each one as a regression input (tests/errors/... with its expected diagnostic) once fixed.
# Prints one line per harness: runs, executions per second, corpus size, findings.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
shift || true
DATA=${NEUROPROOF_DATA_DIR:-$(cd .. && pwd)/shared}
JOBS=${JOBS:-1}
ALL=(stg ll_net np expr events nir speck_config streams certificate manifest)
HARNESSES=("$@")
[ ${#HARNESSES[@]} -gt 0 ] || HARNESSES=("${ALL[@]}")

scripts/setup.sh
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends clang libclang-rt-14-dev; }
done
cmake --preset fuzz >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${HARNESSES[@]/#/fuzz_}"

run_one() {
  local h=$1 corpus=build-fuzz/corpus/$1 art=build-fuzz/artifacts/$1/ log=build-fuzz/logs/$1.log
  mkdir -p "$corpus" "$art" build-fuzz/logs
  local seeds=()
  while read -r harness where path; do
    [ "$harness" = "$h" ] || continue
    local dir=$PWD/$path
    [ "$where" = data ] && dir=$DATA/$path
    [ -d "$dir" ] && seeds+=("$dir")
  done < <(grep -E '^[a-z]' tests/fuzz/seeds.txt)
  # A fresh scratch folder per harness: the readers that take a path write their input there.
  # Fork mode: a finding is saved and the campaign goes on, so one run shows every kind of
  # finding (the NIR harness meets HDF5's own crashes, which `neuroproof` contains in a child).
  (cd build-fuzz && "bin/fuzz_$h" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      -max_total_time="$SECONDS_EACH" -timeout=25 -rss_limit_mb=4096 -max_len=65536 -artifact_prefix="artifacts/$h/" \
      "corpus/$h" "${seeds[@]}" >"logs/$h.log" 2>&1) || true
  # The last status line of fork mode: "#RUNS: cov: C ft: F corp: N exec/s: E oom/timeout/crash: a/b/c time: Ts".
  local last
  last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1)
  printf '%-13s %s  artifacts=%s\n' "$h" "${last:-no status line (see $log)}" "$(find "$art" -type f | wc -l)"
}

active=0
for h in "${HARNESSES[@]}"; do
  run_one "$h" &
  active=$((active + 1))
  if [ "$active" -ge "$JOBS" ]; then wait -n; active=$((active - 1)); fi
done
wait
