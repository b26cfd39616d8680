#!/usr/bin/env bash
# kapsim quickstart for a fresh Debian 12 machine.
#   ./quickstart.sh run    installs missing packages, builds (Release), runs the default scenario
#   ./quickstart.sh test   installs missing packages, builds (Release), runs the whole test suite
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-run}
case "$mode" in run|test) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac

# Install whichever of the listed Debian packages are missing (as root, or through sudo).
mapfile -t packages < <(grep -v '^\s*#' deps/debian-packages.txt | grep -v '^\s*$')
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The report's chart libraries and the browser test's driver, as web/package-lock.json pins
# them, from the npm registry. Debian's npm package is installed only if Node.js came without
# npm (NodeSource's nodejs brings its own and conflicts with Debian's).
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  if ! command -v npm >/dev/null; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm
  fi
  npm ci --prefix web --no-audit --no-fund
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"

if [ "$mode" = run ]; then
  # The default scenario: avdelning 7 in Sundsvall, 13 against 16 beds.
  # Writes the politicians' report (report-sv.html) beside the results and says where.
  ./build/app/kapsim compare scenarios/vasternorrland/avd7-13.yaml scenarios/vasternorrland/avd7-16.yaml \
    --out results/default --report
else
  ctest --test-dir build --output-on-failure -j"$(nproc)"
fi
