#!/usr/bin/env bash
# Speed of the reference emulator: synaptic updates and events per second on realistic
# networks, each recording replayed REPEAT times in one process (default 200), one core of the
# machine. Rows: cnn_sinabs.nir (the sinabs export, 5 cores) and examples/emulator/nmnist_edges.json
# on the N-MNIST sample; the same network with temporal attention (top 10 slices of 5 ms).
# Usage: bench/emulator.sh [REPEAT]. Needs build/bin/neuroproof; NEUROPROOF_DATA_DIR defaults to ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=${1:-200}
data=${NEUROPROOF_DATA_DIR:-../shared}
nmnist="$data/data/dvs/tonic_sample_nmnist.bin"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-34s %10s %12s %9s %12s %10s\n' network events synaptic_ops seconds "M_updates/s" "M_events/s"
bench() {
  local name=$1; shift
  build/bin/neuroproof emulate "$@" --repeat "$repeat" --out "$out/$name" > "$out/$name.txt"
  local line
  line=$(grep -m1 'speed:' "$out/$name.txt")
  local secs ups eps
  secs=$(sed -E 's/.* in ([0-9.]+) s.*/\1/' <<<"$line")
  ups=$(sed -E 's/.*, ([0-9.]+) M synaptic.*/\1/' <<<"$line")
  eps=$(sed -E 's/.*, ([0-9.]+) M events.*/\1/' <<<"$line")
  jq -r --arg n "$name" --arg s "$secs" --arg u "$ups" --arg e "$eps" \
    '[$n, .ungated.events_in, .ungated.total.synaptic_ops, $s, $u, $e] | @tsv' "$out/$name/activity.json" |
    awk -F'\t' '{ printf "%-34s %10s %12s %9s %12s %10s\n", $1, $2, $3, $4, $5, $6 }'
}
bench cnn_sinabs_nmnist --config "$data/data/nir/cnn_sinabs.nir" --events "$nmnist"
bench nmnist_edges_nmnist --config examples/emulator/nmnist_edges.json --events "$nmnist" --leak-period 1000
echo
echo "temporal attention, cnn_sinabs.nir on the N-MNIST sample (top 10 slices of 5 ms):"
build/bin/neuroproof emulate --config "$data/data/nir/cnn_sinabs.nir" --events "$nmnist" --attention 10 --slice 5000 \
  --out "$out/attention" | grep -E 'attention:|gated/ungated|^  total'
