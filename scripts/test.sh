#!/usr/bin/env bash
# Install, build, and run the whole test suite through CTest, twice: the release build (build/),
# then the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/,
# CMakePresets.json preset `asan`), where any finding fails the test that caused it.
# NEUROPROOF_SANITIZERS=0 skips the second pass (a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
(cd build && ctest --output-on-failure -j "$(nproc)" --timeout 900)
[ "${NEUROPROOF_SANITIZERS:-1}" = 0 ] && exit 0
args=(--preset asan)
[ -n "${NEUROPROOF_DATA_DIR:-}" ] && args+=("-DNEUROPROOF_DATA_DIR=${NEUROPROOF_DATA_DIR}")
cmake "${args[@]}" >/dev/null
cmake --build build-asan -j "$(nproc)"
cd build-asan
ctest --output-on-failure -j "$(nproc)" --timeout 1800
