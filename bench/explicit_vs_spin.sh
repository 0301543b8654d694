#!/usr/bin/env bash
# neuroproof's explicit engine against SPIN on the same models: deadlock checking, one after the
# other, each with a wall-clock limit of T seconds (default 15). One row per net: states explored,
# states per second and bytes per state (peak RSS / states) for both tools, and the ratio of the
# throughputs (neuroproof / SPIN).
#
# Usage: bench/explicit_vs_spin.sh [T] [NET...]
#   default nets: Corbett's rrr20-1, rrr30-1, fifo20, hartstone_25, buf100, dp_12 and the
#   Workcraft STGs (NEUROPROOF_DATA_DIR, default ../shared)
# Environment:
#   NP_FLAGS    extra flags for `neuroproof check`, e.g. "--por" or "--jobs 2" (the same script
#               then measures with and without reduction)
#   NP_ENGINE   the engine measured (default explicit: `auto` would stop the explicit search as
#               soon as a symbolic engine decides, and report its partial state count)
#   SPIN_DEPTH  pan's depth limit (-m, default 10000000); SPIN_W its hash-table size (-w, default 26)
#   SPIN_ARGS   extra pan arguments, e.g. "-E" (do not stop at an invalid end state: measures
#               throughput on a net whose deadlock SPIN's depth-first search finds at once)
#
# neuroproof: `check NET --property deadlock --engine explicit --timeout T --quiet --out DIR $NP_FLAGS`, states and
# seconds from DIR/summary.json (jq). SPIN: `neuroproof export --format promela`, `spin -a -o2`
# (-o2: keep write-only variables, so that SPIN stores the same states), pan compiled
# `gcc -O2 -DSAFETY -DNOREDUCE -DMEMLIM=16000 -DVECTORSZ=4096`, run as `./pan -w26 -m10000000`
# under `timeout -s INT T`: pan prints its statistics when interrupted (states stored, elapsed
# time); should it not, the last progress line (`Depth= ... States= ...`) counts, at T seconds.
# Compile time is not measured. Peak RSS of each run by `/usr/bin/time -f %M`.
# Marks: a `*` after SPIN's states = pan's depth limit was reached (search incomplete: raise
# SPIN_DEPTH); a `<` after either count = the limit T stopped it; `!` = a deadlock was found, which
# ends the search (both tools stop at the first one).
# Exit status: 0 done; 2 a tool is missing (spin, gcc, jq, /usr/bin/time, build/bin/neuroproof).
set -uo pipefail
cd "$(dirname "$0")/.."
T=${1:-15}
shift || true
data=${NEUROPROOF_DATA_DIR:-../shared}
np=build/bin/neuroproof
depth=${SPIN_DEPTH:-10000000}
hash_w=${SPIN_W:-26}
engine=${NP_ENGINE:-explicit}
read -r -a pan_args <<<"${SPIN_ARGS:-}"
read -r -a np_flags <<<"${NP_FLAGS:-}"

missing=()
command -v spin >/dev/null || missing+=("spin (apt-get install spin)")
command -v gcc >/dev/null || missing+=("gcc (apt-get install gcc)")
command -v jq >/dev/null || missing+=("jq (apt-get install jq)")
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (apt-get install time)")
[ -x "$np" ] || missing+=("$np (scripts/build.sh)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'explicit_vs_spin: missing: %s\n' "${missing[@]}" >&2
  exit 2
fi

nets=("$@")
if [ ${#nets[@]} -eq 0 ]; then
  for n in rrr20-1 rrr30-1 fifo20 hartstone_25.fsa buf100 dp_12.fsa; do nets+=("$data/benchmarks/pep/corbett/$n.ll_net"); done
  nets+=("$data"/benchmarks/stg/workcraft/*.g)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# rate A B: A / B with 3 significant digits, "-" when B is 0 or empty.
rate() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "" || b + 0 <= 0 || a == "") print "-"; else printf "%.3g\n", a / b }'; }

echo "neuroproof check --engine $engine${NP_FLAGS:+ $NP_FLAGS} vs SPIN (pan -DSAFETY -DNOREDUCE -w$hash_w -m$depth${SPIN_ARGS:+ $SPIN_ARGS}), limit ${T}s each"
printf '%-24s %12s %11s %9s %12s %11s %9s %9s\n' model "np states" "np st/s" "np B/st" "SPIN states" "SPIN st/s" "SPIN B/st" "np/SPIN"
for net in "${nets[@]}"; do
  name=$(basename "$net")
  name=${name%.ll_net}
  name=${name%.g}
  dir="$work/$name"
  mkdir -p "$dir"

  # neuroproof (its own --timeout; the outer timeout only guards against a hang)
  timeout -s KILL $((T + 60)) /usr/bin/time -f %M -o "$dir/np.rss" \
    "$np" check "$net" --property deadlock --engine "$engine" --timeout "$T" --quiet --out "$dir/np" "${np_flags[@]}" >/dev/null 2>"$dir/np.err"
  code=$?
  if [ ! -f "$dir/np/summary.json" ]; then
    printf '%-24s neuroproof failed (exit %s): %s\n' "$name" "$code" "$(grep -v '^Command' "$dir/np.err" | head -1)"
    continue
  fi
  np_states=$(jq -r '.properties[0].states // 0' "$dir/np/summary.json")
  np_secs=$(jq -r '.properties[0].seconds // 0' "$dir/np/summary.json")
  np_verdict=$(jq -r '.properties[0].verdict' "$dir/np/summary.json")
  np_rss=$(tail -1 "$dir/np.rss")
  np_mark=""
  [ "$np_verdict" = FAIL ] && np_mark="!"
  [ "$np_verdict" = UNKNOWN ] && np_mark="<"

  # SPIN
  if ! "$np" export "$net" --format promela -o "$dir/model.pml" >/dev/null 2>"$dir/export.err"; then
    printf '%-24s %12s %11s %9s  export failed: %s\n' "$name" "$np_states$np_mark" "$(rate "$np_states" "$np_secs")" \
      "$(rate $((np_rss * 1024)) "$np_states")" "$(head -1 "$dir/export.err")"
    continue
  fi
  if ! (cd "$dir" && spin -a -o2 model.pml >spin.log 2>&1 &&
        gcc -O2 -w -DSAFETY -DNOREDUCE -DMEMLIM=16000 -DVECTORSZ=4096 -o pan pan.c >gcc.log 2>&1); then
    printf '%-24s %12s %11s %9s  SPIN build failed: %s\n' "$name" "$np_states$np_mark" "$(rate "$np_states" "$np_secs")" \
      "$(rate $((np_rss * 1024)) "$np_states")" "$(cat "$dir/spin.log" "$dir/gcc.log" 2>/dev/null | head -1)"
    continue
  fi
  (cd "$dir" && /usr/bin/time -f %M -o pan.rss timeout -s INT "$T" ./pan -w"$hash_w" -m"$depth" "${pan_args[@]}" >pan.out 2>&1)
  sp_states=$(awk '/states, stored/ { print $1 }' "$dir/pan.out" | tail -1)
  sp_secs=$(awk '/^pan: elapsed time/ { print $4 }' "$dir/pan.out" | tail -1)
  if [ -z "$sp_states" ]; then  # no statistics: the last progress line, at T seconds
    sp_states=$(awk '/^Depth=/ { for (i = 1; i <= NF; ++i) if ($i == "States=") s = $(i + 1) } END { printf "%.0f\n", s }' "$dir/pan.out")
    sp_secs=$T
  fi
  sp_rss=$(tail -1 "$dir/pan.rss")
  sp_mark=""
  grep -q "max search depth too small" "$dir/pan.out" && sp_mark="*"
  grep -q "invalid end state (at depth" "$dir/pan.out" && sp_mark="$sp_mark!"
  grep -q "Search not completed\|Interrupted" "$dir/pan.out" && [ -z "$sp_mark" ] && sp_mark="<"
  # pan rounds its elapsed time; under 0.1 s its own rate line is no better, keep the division.
  np_rate=$(rate "$np_states" "$np_secs")
  sp_rate=$(rate "$sp_states" "$sp_secs")
  printf '%-24s %12s %11s %9s %12s %11s %9s %9s\n' "$name" "$np_states$np_mark" "$np_rate" "$(rate $((np_rss * 1024)) "$np_states")" \
    "$sp_states$sp_mark" "$sp_rate" "$(rate $((sp_rss * 1024)) "$sp_states")" "$(rate "$np_rate" "$sp_rate")"
done
