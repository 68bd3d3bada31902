#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar and runs every benchmark with the settings recorded in
# benchmarks/README.md, sized for a 2-core machine. Results (text and JSON) go to benchmarks/results/.
#
#   benchmarks/run.sh            the full run (about 25 minutes)
#   benchmarks/run.sh smoke      one short fork of each, to check that everything runs (about 4 minutes)
#   benchmarks/run.sh full overhead|e2e|rules|noise   only that part
#
# Nothing else should be running: the numbers move by tens of percent on a busy machine (see README).
set -euo pipefail

cd "$(dirname "$0")/.."
mode="${1:-full}"
part="${2:-all}"
jar=benchmarks/target/benchmarks.jar
out=benchmarks/results
mkdir -p "$out"

./mvnw -B -q -pl benchmarks -am package -DskipTests

if [[ "$mode" == smoke ]]; then
  settings=(-f 1 -wi 1 -w 500ms -i 2 -r 500ms)
  out="$out/smoke"
  mkdir -p "$out"
else
  settings=(-f 2 -wi 3 -w 1s -i 5 -r 1s)
fi

run() { # name, then JMH arguments
  local name="$1"
  shift
  echo "== $name: java -jar $jar $* ${settings[*]}"
  java -jar "$jar" "$@" "${settings[@]}" -rf json -rff "$out/$name.json" | tee "$out/$name.txt"
}

{ echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"; echo "nproc: $(nproc)";
  grep -m1 'model name' /proc/cpuinfo; java -version 2>&1 | head -2; echo "load: $(uptime)"; } | tee "$out/machine.txt"

if [[ "$part" == all || "$part" == overhead ]]; then
  run overhead OverheadBenchmark -prof gc
fi
if [[ "$part" == all || "$part" == rules ]]; then
  run rules RuleEngineBenchmark -prof gc
fi
if [[ "$part" == all || "$part" == e2e ]]; then
  run e2e-1-thread EndToEndBenchmark -t 1 -prof gc
  run e2e-4-threads EndToEndBenchmark -t 4 -prof gc
fi
if [[ "$part" == all || "$part" == noise ]]; then
  # The same benchmark again, later in the run: how far apart two runs of one benchmark land here.
  run noise 'OverheadBenchmark.preparedQuery' -p layer=RAW,GUARD -prof gc
fi
echo "load after: $(uptime)" | tee -a "$out/machine.txt"
benchmarks/summarize.py "$out" | tee "$out/summary.md"
