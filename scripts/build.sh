#!/usr/bin/env bash
# Installs dependencies and builds neuroproof into build/ (executable: build/bin/neuroproof).
# NEUROPROOF_DATA_DIR (default ../shared) points the tests at the shared benchmarks and data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
args=(-S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
[ -n "${NEUROPROOF_DATA_DIR:-}" ] && args+=("-DNEUROPROOF_DATA_DIR=${NEUROPROOF_DATA_DIR}")
cmake "${args[@]}" >/dev/null
cmake --build build -j "$(nproc)"
