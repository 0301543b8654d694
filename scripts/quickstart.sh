#!/usr/bin/env bash
# The main job: install, build, and check the shipped default example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
echo
echo "\$ build/bin/neuroproof check examples/stg/muller_pipeline.g"
build/bin/neuroproof check examples/stg/muller_pipeline.g
