#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar and runs every benchmark with the settings recorded in
# benchmarks/README.md, sized for a 2-core machine. Results (text and JMH JSON) go to benchmarks/results/,
# with machine.txt (CPU, JDK, load average before and after) and summary.md (the README's tables).
#
#   benchmarks/run.sh                  the full run (about 15 minutes)
#   benchmarks/run.sh smoke            one short fork of each, to check that everything runs (results/smoke/)
#   benchmarks/run.sh full overhead    only one part: overhead | rules | e2e | noise
#
# Nothing else should be running: on a busy machine the numbers move by tens of percent (see README).
set -euo pipefail

cd "$(dirname "$0")/.."
mode="${1:-full}"
part="${2:-all}"
jar=benchmarks/target/benchmarks.jar
out=benchmarks/results

if [[ "$mode" == smoke ]]; then
  out="$out/smoke"
  measure=(-i 1 -r 500ms -w 500ms)
  forks=1 e2e_forks=1 rules_forks=1 warmups=1 rules_warmups=1
else
  measure=(-i 5 -r 1s -w 1s)
  # Two forks per value in process. The rule engine's classifier is large and needs longer before C2 has
  # compiled it; its numbers vary little between forks, so one fork. Each end-to-end fork starts its own
  # server (seconds), so one fork per target, thread count and round there.
  forks=2 e2e_forks=1 rules_forks=1 warmups=3 rules_warmups=5
fi
mkdir -p "$out"
if [[ "$part" == all ]]; then
  rm -f "$out"/*.json "$out"/*.txt "$out"/summary.md # a full run replaces every earlier result
fi

./mvnw -B -q -pl benchmarks -am package -DskipTests

run() { # name, then JMH arguments
  local name="$1"
  shift
  echo "== $name: java -jar $jar $* ${measure[*]} -rf json -rff $out/$name.json"
  java -jar "$jar" "$@" "${measure[@]}" -rf json -rff "$out/$name.json" | tee "$out/$name.txt"
}

{ echo "== run.sh $mode $part"; echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"; echo "nproc: $(nproc)";
  grep -m1 'model name' /proc/cpuinfo; java -version 2>&1 | head -2; echo "load before: $(uptime)"; } \
  | tee -a "$out/machine.txt"

if [[ "$part" == all || "$part" == overhead ]]; then
  run overhead OverheadBenchmark -f "$forks" -wi "$warmups" -prof gc
fi
if [[ "$part" == all || "$part" == rules ]]; then
  run rules RuleEngineBenchmark -f "$rules_forks" -wi "$rules_warmups" -prof gc
fi
if [[ "$part" == all || "$part" == e2e ]]; then
  # Two rounds in opposite order, so that a drift in the machine's load does not always favour one target.
  for threads in 1 4; do
    run "e2e-$threads-threads-a" EndToEndBenchmark -t "$threads" -p target=RAW,GUARD -f "$e2e_forks" -wi "$warmups" -prof gc
    run "e2e-$threads-threads-b" EndToEndBenchmark -t "$threads" -p target=GUARD,RAW -f "$e2e_forks" -wi "$warmups" -prof gc
  done
fi
if [[ "$part" == all || "$part" == noise ]]; then
  # The same benchmarks again, minutes later: how far apart two runs of one benchmark land on this machine.
  run noise 'OverheadBenchmark.preparedQuery' -p layer=RAW,GUARD -f "$forks" -wi "$warmups" -prof gc
fi
echo "load after: $(uptime)" | tee -a "$out/machine.txt"
benchmarks/summarize.py "$out" | tee "$out/summary.md"
