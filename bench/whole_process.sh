#!/usr/bin/env bash
# Whole processes, kapsim's command line against the plain hand-written loop
# (bench/plain_loop.cpp), on the three textbook models at equal work: the same servers,
# rates, horizon and replications, one thread, no warm-up. Runs alternate (kapsim,
# loop, kapsim, loop, ...) so that a neighbour's load falls on both alike; it prints each
# model's median wall and CPU time with their ranges, and the throughput ratio
# (loop time / kapsim time: 1 = as fast as the loop).
#   bench/whole_process.sh [RUNS] [KAPSIM] [PLAIN_LOOP]
# Defaults: 5 runs, build/app/kapsim, build/bench/kapsim_plain_loop.
set -euo pipefail
runs=${1:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
kapsim=$(realpath "${2:-$here/build/app/kapsim}")
loop=$(realpath "${3:-$here/build/bench/kapsim_plain_loop}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name | scenario | servers rate/day mean-service-days fifo|loss | days per replication | replications
# About 10 to 16 million arrivals in all for each model (a run is at most 1000 years), so that
# a run takes 0.6 to 2 s and the timer's 10 ms are at most 2 % of it.
models=(
  "M/M/16 ward|scenarios/validation/erlang-c.yaml|16 1.65 9 fifo|365250|16"
  "M/M/2/2 loss|scenarios/validation/erlang-b.yaml|2 $(awk 'BEGIN { printf "%.10g", 700 / 365.25 }') $(awk 'BEGIN { printf "%.10g", 8 / 24 }') loss|365250|16"
  "M/M/120|bench/mmc.yaml|120 100 1 fifo|10000|16"
)

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }'; }
# Wall and CPU seconds of one command, appended to files $1.wall and $1.cpu.
timed() {
  local out=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  read -r wall user sys <"$work/time"
  echo "$wall" >>"$out.wall"
  awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }' >>"$out.cpu"
}

echo "kapsim: $kapsim"
echo "plain loop: $loop"
echo "$runs alternating runs each, 1 thread; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %10s %21s %21s %21s %21s %8s %8s\n' model arrivals "kapsim wall s" "loop wall s" "kapsim cpu s" "loop cpu s" "wall" "cpu"
for m in "${models[@]}"; do
  IFS='|' read -r name scenario args days reps <<<"$m"
  key=$work/$(echo "$name" | tr -c 'A-Za-z0-9' _)
  for ((i = 0; i < runs; ++i)); do
    timed "$key.kapsim" "$kapsim" run "$here/$scenario" --reps "$reps" --threads 1 --seed 1 --quiet --out "$work/out" \
      --set scenario.warmup=0d --set "scenario.run_length=${days}d" --allow-large
    timed "$key.loop" "$loop" $args "$days" "$reps" 1
    arrivals=$(awk '/^arrivals/ { print $2 }' "$work/stdout")
  done
  kw=$(median <"$key.kapsim.wall"); lw=$(median <"$key.loop.wall")
  kc=$(median <"$key.kapsim.cpu"); lc=$(median <"$key.loop.cpu")
  printf '%-14s %10s %8.2f [%10s] %8.2f [%10s] %8.2f [%10s] %8.2f [%10s] %8.2f %8.2f\n' "$name" "$arrivals" \
    "$kw" "$(range <"$key.kapsim.wall")" "$lw" "$(range <"$key.loop.wall")" \
    "$kc" "$(range <"$key.kapsim.cpu")" "$lc" "$(range <"$key.loop.cpu")" \
    "$(awk -v a="$lw" -v b="$kw" 'BEGIN { print a / b }')" "$(awk -v a="$lc" -v b="$kc" 'BEGIN { print a / b }')"
done
echo "wall, cpu: kapsim's throughput as a share of the plain loop's (loop median / kapsim median; target >= 0.9)"
