#!/usr/bin/env bash
# Every certificate of the shipped examples confirmed by `certify` (issue 20's acceptance): for
# every design and STG under examples/, `check --engine kind` and `--engine spacer` with a
# wall-clock limit, then `neuroproof certify` on every certificate folder written (the obligations
# rebuilt from the model, cvc5 and z3 on them). One line per check run (engine, exit code, seconds,
# certificates written), then a line per certificate that was not confirmed, then the totals.
# Usage: bench/certify_examples.sh [-t TIMEOUT_S]   (default 20 s per check run)
set -euo pipefail
cd "$(dirname "$0")/.."
timeout_s=20
while getopts "t:" opt; do
  case $opt in
    t) timeout_s=$OPTARG ;;
    *) echo "usage: $0 [-t TIMEOUT_S]" >&2; exit 2 ;;
  esac
done
bin=${NEUROPROOF_BIN:-build/bin/neuroproof}
[ -x "$bin" ] || { echo "$bin not found: run scripts/build.sh first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in examples/*/*.np examples/stg/*.g; do
  for e in kind spacer; do
    name=$(basename "$f")-$e
    start=$(date +%s.%N)
    rc=0
    "$bin" check "$f" --engine "$e" --timeout "$timeout_s" -q --out "$work/$name" > "$work/$name.log" 2>&1 || rc=$?
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    certs=$(find "$work/$name" -name manifest.json -path '*/certificate/*' | wc -l)
    printf '%-32s %-7s exit %d  %6.1f s  %3d certificates\n' "$(basename "$f")" "$e" "$rc" "$secs" "$certs"
  done
done
confirmed=0
other=0
while IFS= read -r m; do
  d=$(dirname "$m")
  if out=$("$bin" certify "$d" 2>&1); then
    confirmed=$((confirmed + 1))
  else
    other=$((other + 1))
    echo "NOT CONFIRMED ${d#"$work"/}: $(echo "$out" | tail -1)"
  fi
done < <(find "$work" -name manifest.json -path '*/certificate/*' | sort)
echo "certificates confirmed: $confirmed, not confirmed: $other"
[ "$other" -eq 0 ]
