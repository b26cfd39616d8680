#!/usr/bin/env bash
# Runs every shipped scenario (scenarios/*/*.yaml, sweeps left out) with two kapsim binaries and
# compares their summary.csv and replications.csv row by row (the comment lines with version
# and time left out), so that a change meant to keep results bitwise the same can show it, and
# one meant to add metrics can show it only added rows.
#   tools/compare_outputs.sh OLD_KAPSIM NEW_KAPSIM [REPLICATIONS]
# Prints, per scenario and file: identical, or how many rows changed or went and how many were
# added. Exits 1 when any row changed or went, 0 otherwise.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 OLD_KAPSIM NEW_KAPSIM [REPLICATIONS]" >&2
  exit 2
fi
old=$(realpath "$1"); new=$(realpath "$2"); reps=${3:-4}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
changed=0
for f in scenarios/*/*.yaml; do
  case "$(basename "$f")" in sweep*|sensitivity*) continue ;; esac
  name=$(echo "$f" | tr / _)
  "$old" run "$f" --reps "$reps" --out "$work/old-$name" --quiet >/dev/null 2>"$work/old.err" || { echo "$f: the old binary failed: $(head -1 "$work/old.err")"; continue; }
  "$new" run "$f" --reps "$reps" --out "$work/new-$name" --quiet >/dev/null 2>"$work/new.err" || { echo "$f: the new binary failed: $(head -1 "$work/new.err")"; changed=1; continue; }
  for csv in summary.csv replications.csv; do
    d=$(diff <(grep -v '^#' "$work/old-$name/$csv") <(grep -v '^#' "$work/new-$name/$csv") || true)
    gone=$(grep -c '^<' <<<"$d" || true); added=$(grep -c '^>' <<<"$d" || true)
    if [ "$gone" -eq 0 ] && [ "$added" -eq 0 ]; then echo "$f $csv: identical"
    else echo "$f $csv: $gone rows changed or gone, $((added - gone < 0 ? 0 : added - gone)) more rows"; fi
    [ "$gone" -eq 0 ] || changed=1
  done
done
exit "$changed"
