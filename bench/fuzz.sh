#!/bin/sh
# Equivalence fuzzing benchmark (issue 7, docs/fuzzing.md): the unmutated Speck core model
# against the reference emulator for CASES generated cases (default 1,000,000; stream x schedule,
# up to 32 inputs each), then the whole N-MNIST sample recording under 1,000 random schedules,
# then the mutation table. Prints cases/s and events/s.
#   bench/fuzz.sh [CASES] [BUILD_DIR]
set -eu
CASES=${1:-1000000}
BUILD=${2:-$(dirname "$0")/../build}
T="$BUILD/bin/test_checkers"
[ -x "$T" ] || { echo "bench/fuzz.sh: $T not built (cmake --build $BUILD --target test_checkers)" >&2; exit 2; }
echo "== $CASES generated cases on examples/speck_core/core_small.json"
NP_FUZZ_BENCH_CASES=$CASES "$T" --gtest_filter='FuzzBench.UnmutatedCoreLongRun' 2>&1 | grep -E '^bench:|FAILED|Failure' || true
echo "== the whole N-MNIST sample recording under 1,000 random schedules"
NP_NMNIST_EVENTS=100000 "$T" --gtest_filter='FuzzRecording.NMnistUnderAThousandSchedules' 2>&1 | grep -E '^fuzz:|OK|FAILED|Failure|Skipped' || true
echo "== mutation table: mutant | name | cases to first failure | inputs before -> after shrinking | shrink runs | seconds | failure"
"$T" --gtest_filter='Speck/Mutants.*' 2>&1 | grep -E '^\||FAILED' || true
