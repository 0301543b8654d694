#!/usr/bin/env bash
# Installs every Debian package that neuroproof's build, tests and benchmarks need.
# Idempotent and non-interactive; run as root (or with sudo available) on Debian 12.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libz3-dev z3 cvc5 boolector            # symbolic engine; second solvers for certificate re-checks
  librapidcheck-dev libgtest-dev libgmock-dev
  libboost-graph-dev
  libgraphviz-dev graphviz               # trace.svg rendering (graphviz registers the layout plugins)
  libcli11-dev nlohmann-json3-dev libpugixml-dev
  liblz4-dev libzstd-dev                 # AEDAT 4.0 event packets
  libhdf5-dev                            # NIR graphs (HDF5)
  libcairo2-dev                          # emulation pictures: raster and activity plots (SVG, PNG)
  gtkwave                                # vcd2fst/fst2vcd: tests check trace.vcd with GTKWave itself
  jq                                     # bench/ scripts read summary.json
  libssl-dev                             # SHA-256 of models bound into proof certificates
  libtomlplusplus-dev                    # neuroproof.toml manifests of `neuroproof ci`
  chromium fonts-dejavu-core             # the HTML report is opened headless in a test (screenshots)
  berkeley-abc                           # --engine abc-pdr: ABC's IC3/PDR on the AIGER export
  yosys                                  # tests: Yosys reads the AIGER export back
  spin                                   # tests and bench/explicit_vs_spin.sh: SPIN on the Promela export
  time                                   # bench/explicit_vs_spin.sh: peak RSS (/usr/bin/time -f %M)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
