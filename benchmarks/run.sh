#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar and runs every benchmark with the settings recorded in
# benchmarks/README.md, sized for a 2-core machine. Results (text and JMH JSON) go to benchmarks/results/,
# with machine.txt (CPU, JDK, load average before and after) and summary.md (the README's tables).
#
#   benchmarks/run.sh                  the full run (about 30 minutes; the end-to-end part about 12)
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
  forks=1 rules_forks=1 warmups=1 rules_warmups=1
  e2e=(-f 1 -wi 1 -w 500ms -i 2 -r 500ms) # two iterations: the least that gives an interval
else
  measure=(-i 5 -r 1s -w 1s)
  # Three forks per value in process: C2 does not inline the same way in every JVM, and forks of one
  # benchmark land up to 30% apart; the error bars only mean something across forks. The rule engine's
  # classifier is large and needs longer before C2 has compiled it; its numbers vary little between forks,
  # so one fork.
  forks=3 rules_forks=1 warmups=3 rules_warmups=5
  # End to end, every iteration is a paired measurement (RAW and GUARD interleaved): many iterations narrow the
  # interval; two forks, each with its own server, show whether forks agree. The benchmark JVM is pinned to one
  # CPU, where C2's compiler threads compete with the benchmark threads: Connector/J's and the guard's paths
  # are still being compiled after 15 s (client CPU per cycle keeps falling), so 20 s of warm-up. About 12
  # minutes in all.
  e2e=(-f 2 -wi 10 -w 2s -i 15 -r 1s)
fi
mkdir -p "$out"
if [[ "$part" == all ]]; then
  rm -f "$out"/*.json "$out"/*.txt "$out"/summary.md # a full run replaces every earlier result
fi

./mvnw -B -q -pl benchmarks -am package -DskipTests

run() { # name, then JMH arguments (with the measurement settings)
  local name="$1"
  shift
  echo "== $name: ${pin[*]} java -jar $jar $* -rf json -rff $out/$name.json"
  "${pin[@]}" java -jar "$jar" "$@" -rf json -rff "$out/$name.json" | tee "$out/$name.txt"
}
pin=() # no CPU pinning but for the end-to-end part

{ echo "== run.sh $mode $part"; echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"; echo "nproc: $(nproc)";
  grep -m1 'model name' /proc/cpuinfo; java -version 2>&1 | head -2; echo "load before: $(uptime)"; } \
  | tee -a "$out/machine.txt"

if [[ "$part" == all || "$part" == overhead ]]; then
  run overhead OverheadBenchmark -f "$forks" -wi "$warmups" "${measure[@]}" -prof gc
fi
if [[ "$part" == all || "$part" == rules ]]; then
  run rules RuleEngineBenchmark -f "$rules_forks" -wi "$rules_warmups" "${measure[@]}" -prof gc
fi
if [[ "$part" == all || "$part" == e2e ]]; then
  rm -f "$out"/e2e-*.json "$out"/e2e-*.txt
  # The server on CPU 0 (LoopbackServer re-pins it), the benchmark JVMs on CPU 1: the two ends of a round trip
  # stop taking each other's core. Other processes still run anywhere: the interleaving, not the pinning, is
  # what keeps their load out of the ratio.
  if (($(nproc) >= 2)) && command -v taskset >/dev/null; then
    pin=(taskset -c 1)
    export JDBC_GUARD_BENCH_SERVER_CPUS=0
  fi
  for threads in 1 4; do
    run "e2e-$threads-threads" EndToEndBenchmark -t "$threads" "${e2e[@]}" -prof gc
  done
  # The control: two raw connections interleaved, which must come out at 1 within the interval.
  run e2e-control 'EndToEndBenchmark.preparedQuery' -p against=RAW -t 1 "${e2e[@]}" -prof gc
  pin=()
  unset JDBC_GUARD_BENCH_SERVER_CPUS
fi
if [[ "$part" == all || "$part" == noise ]]; then
  # The same benchmarks again, minutes later: how far apart two runs of one benchmark land on this machine.
  run noise 'OverheadBenchmark.preparedQuery' -p layer=RAW,GUARD -f "$forks" -wi "$warmups" "${measure[@]}" -prof gc
fi
echo "load after: $(uptime)" | tee -a "$out/machine.txt"
benchmarks/summarize.py "$out" | tee "$out/summary.md"
