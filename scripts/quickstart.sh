#!/usr/bin/env bash
# The main job: install, build, and check the shipped Speck-like core.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
echo
echo "\$ build/bin/neuroproof check examples/speck_core/speck_core.np"
build/bin/neuroproof check examples/speck_core/speck_core.np
