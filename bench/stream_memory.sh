#!/usr/bin/env bash
# Peak memory of `neuroproof events` and `neuroproof emulate` on generated multi-gigabyte
# recordings (issue 17: they stream, so the peak must not grow with the file).
#
#   bench/stream_memory.sh [GIB (default 2)] [FOLDER (default /tmp)]
#
# Writes an EVT 2.0 .raw and a text .csv recording of about GIB GiB each (a 1 MiB block of valid
# events repeated: EVT 2.0 time-high words wrap, text timestamps repeat; both are legal), runs
# each command under /usr/bin/time and prints its peak resident set size. Deletes the files.
set -euo pipefail
cd "$(dirname "$0")/.."
GIB=${1:-2}
DIR=${2:-/tmp}
NP=${NP:-build/bin/neuroproof}
CONFIG=examples/speck_core/core_small.json   # a 4x4 DVS layer feeding one core
raw=$DIR/np-stream-$$.raw
csv=$DIR/np-stream-$$.csv
trap 'rm -f "$raw" "$csv" "$raw.block" "$csv.block"' EXIT

python3 - "$raw.block" "$csv.block" <<'PY'
import struct, sys
words = []
for k in range(1 << 18):                      # 1 MiB of 32-bit words
    if k % 64 == 0:
        words.append((0x8 << 28) | (k // 64))  # EVT_TIME_HIGH
    else:
        on = k & 1
        x, y = (k >> 1) & 3, (k >> 3) & 3
        words.append((on << 28) | ((k & 0x3F) << 22) | (x << 11) | y)
open(sys.argv[1], "wb").write(struct.pack("<%dI" % len(words), *words))
lines, size, t = [], 0, 0
while size < (1 << 20):
    t += 7
    line = "%d,%d,%d,%d\n" % (t, t & 3, (t >> 2) & 3, (t >> 4) & 1)
    lines.append(line)
    size += len(line)
open(sys.argv[2], "w").write("".join(lines))
PY
printf '%% evt 2.0\n%% format EVT2;height=480;width=640\n' > "$raw"
printf 't,x,y,p\n' > "$csv"
blocks=${MIB:-$((GIB * 1024))}  # 1 MiB blocks
for ((i = 0; i < blocks; i++)); do cat "$raw.block"; done >> "$raw"
for ((i = 0; i < blocks; i++)); do cat "$csv.block"; done >> "$csv"

measure() {
  local what=$1
  shift
  local out
  out=$( { /usr/bin/time -f 'peak_rss_kb=%M wall_s=%e' "$@" >/dev/null; } 2>&1 | tail -1)
  printf '%-46s %s\n' "$what" "$out"
}
for f in "$raw" "$csv"; do
  echo "$(basename "$f"): $(du -h "$f" | cut -f1)"
  measure "events" "$NP" events "$f"
  measure "emulate" "$NP" emulate -c "$CONFIG" -e "$f" -o "$DIR/np-stream-out-$$"
  # Leak ticks span the smallest to the largest timestamp: only the text file's repeated block keeps
  # that span short (the EVT 2.0 file's time-high wraps add 2^34 us per block).
  [ "$f" = "$csv" ] && measure "emulate --leak-period 1000 (two passes)" "$NP" emulate -c "$CONFIG" -e "$f" --leak-period 1000 -o "$DIR/np-stream-out-$$"
done
rm -rf "$DIR/np-stream-out-$$"
