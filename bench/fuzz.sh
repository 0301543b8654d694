#!/bin/sh
# Equivalence fuzzing benchmark (issues 7 and 15, docs/fuzzing.md): first the compiled evaluator
# against the tree walk in one run (`neuroproof fuzz --evaluator`, 20,000 cases of up to 64 inputs
# on core_small.json, one after the other; cases/s and their ratio), then the unmutated Speck core
# model against the reference emulator for CASES generated cases (default 1,000,000; stream x
# schedule, up to 32 inputs each), then the whole N-MNIST sample recording under 1,000 random
# schedules, then the mutation table. Prints cases/s and events/s.
#   bench/fuzz.sh [CASES] [BUILD_DIR]
set -eu
CASES=${1:-1000000}
BUILD=${2:-$(dirname "$0")/../build}
T="$BUILD/bin/test_checkers"
[ -x "$T" ] || { echo "bench/fuzz.sh: $T not built (cmake --build $BUILD --target test_checkers)" >&2; exit 2; }
NP="$BUILD/bin/neuroproof"
SRC=$(dirname "$0")/..
OUT=$(mktemp -d)
echo "== compiled vs tree-walk evaluation: 20000 cases, up to 64 inputs, core_small.json"
rate() {
    "$NP" fuzz "$SRC/examples/speck_core/speck_core_open.np" --reference "$SRC/examples/speck_core/core_small.json" \
        --cases 20000 --max-events 64 --seed 5 -q -o "$OUT/$1" --evaluator "$1" | sed -n 's/.* \([0-9]*\) cases\/s.*/\1/p'
}
TREE=$(rate tree-walk)
COMPILED=$(rate compiled)
echo "tree-walk: $TREE cases/s"
echo "compiled:  $COMPILED cases/s"
awk -v a="$COMPILED" -v b="$TREE" 'BEGIN { printf "ratio compiled/tree-walk: %.2f\n", a / b }'
rm -rf "$OUT"
echo "== $CASES generated cases on examples/speck_core/core_small.json"
NP_FUZZ_BENCH_CASES=$CASES "$T" --gtest_filter='FuzzBench.UnmutatedCoreLongRun' 2>&1 | grep -E '^bench:|FAILED|Failure' || true
echo "== the whole N-MNIST sample recording under 1,000 random schedules"
NP_NMNIST_EVENTS=100000 "$T" --gtest_filter='FuzzRecording.NMnistUnderAThousandSchedules' 2>&1 | grep -E '^fuzz:|OK|FAILED|Failure|Skipped' || true
echo "== mutation table: mutant | name | cases to first failure | inputs before -> after shrinking | shrink runs | seconds | failure"
"$T" --gtest_filter='Speck/Mutants.*' 2>&1 | grep -E '^\||FAILED' || true
