#!/usr/bin/env bash
# Fuzzes kapsim's readers of user files under AddressSanitizer and UndefinedBehaviorSanitizer.
#   fuzz/run.sh SECONDS    builds the libFuzzer targets with clang into build-fuzz/ and runs each
#                          for SECONDS, one after the other
# Exits non-zero if any target found a crash, a hang, an input that needs too much memory or a
# sanitizer report; the reproducer is then in build-fuzz/findings/TARGET/ (rerun it with
# `build-fuzz/fuzz/TARGET FILE`). An InputError (exit code 2 from kapsim) is the right answer
# to bad input and no finding. The corpus each run grows is kept in build-fuzz/corpus/TARGET/,
# so later runs go on from it.
#   KAPSIM_FUZZ_KEEP_GOING=1 fuzz/run.sh SECONDS
#                          does not stop at the first finding: every reproducer found in the
#                          time is kept, and the run still fails if there is any
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS   (how long to fuzz each target)" >&2
  exit 2
fi
seconds=$1
build=build-fuzz

cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKAPSIM_FUZZ=ON -DKAPSIM_TESTS=OFF -DKAPSIM_BENCHMARKS=OFF -DKAPSIM_MPI=OFF
cmake --build "$build" -j"$(nproc)"

# Seeds: every YAML file the project ships (scenarios, sweeps, benchmarks, test fixtures) and the
# inputs that once broke kapsim. Folders are kept, since names repeat across them.
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
find scenarios bench tests fuzz/corpus-extra -name '*.yaml' -print0 | xargs -0 cp --parents -t "$seeds"

# Limits per input: a scenario is a few kB (longer seeds are cut to 32 kB) and reading and checking
# one takes milliseconds; the largest sweep design kapsim accepts (2 million values) takes 10 s and
# 0.6 GB under the sanitizers. So 30 s or 3 GB is a hang or a runaway, never a valid input.
# A target that crashes leaves its scratch folder behind: keep those inside the build folder.
export TMPDIR="$PWD/$build/tmp"
rm -rf "$TMPDIR"
mkdir -p "$TMPDIR"
keep_going=()
[ "${KAPSIM_FUZZ_KEEP_GOING:-0}" = 1 ] &&
  keep_going=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
failed=()
for target in scenario_fuzzer sweep_fuzzer; do
  corpus="$build/corpus/$target"
  findings="$build/findings/$target"
  rm -rf "$findings"
  mkdir -p "$corpus" "$findings"
  echo "== fuzzing $target for ${seconds}s"
  status=0
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/fuzz/$target" "$corpus" "$seeds" \
      -dict=fuzz/yaml.dict -max_total_time="$seconds" -max_len=32768 -timeout=30 -rss_limit_mb=3072 \
      -artifact_prefix="$findings/" -print_final_stats=1 "${keep_going[@]}" 2>"$build/$target.log" || status=$?
  # The last progress line: executions, coverage (cov: edges, ft: features) and corpus size.
  grep -E '^#[0-9]+' "$build/$target.log" | tail -1 || true
  if [ "$status" -ne 0 ] || [ -n "$(ls -A "$findings")" ]; then
    echo "!! $target found a problem; the last lines of $build/$target.log:"
    tail -n 60 "$build/$target.log"
    echo "reproducer(s) in $findings: $(ls "$findings" | tr '\n' ' ')"
    failed+=("$target")
  fi
done

if ((${#failed[@]})); then
  echo "fuzzing found problems in: ${failed[*]}"
  exit 1
fi
rm -rf "$TMPDIR"
echo "fuzzing found no problems"
