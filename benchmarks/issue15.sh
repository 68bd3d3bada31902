#!/usr/bin/env bash
# The measurements of issue 15 (benchmarks/README.md, "Issue 15"): cold start, footprint, new SQL text, prepare,
# the in-process cycles. About 15 minutes on 2 cores; results in benchmarks/results/issue15/.
#
#   benchmarks/issue15.sh            everything
#   benchmarks/issue15.sh PART ...   some of: coldstart footprint rules overhead e2e
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
out=benchmarks/results/issue15
parts=("$@")
((${#parts[@]})) || parts=(coldstart footprint rules overhead e2e)
mkdir -p "$out"
./mvnw -B -q -pl benchmarks -am package -DskipTests
log() { # name, then the command
  local name="$1"
  shift
  echo "== $name: $*"
  { echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"; echo "load before: $(uptime)"; echo "command: $*"; } >"$out/$name.txt"
  "$@" 2>&1 | grep -v ' INFO \| WARN \|^\[main\] \(INFO\|WARN\)' | tee -a "$out/$name.txt"
  echo "load after: $(uptime)" >>"$out/$name.txt"
}
for part in "${parts[@]}"; do
  case "$part" in
    coldstart) log coldstart java -cp "$jar" dev.jdbcguard.benchmarks.coldstart.ColdStart 10 ;;
    footprint)
      log footprint-stub java -cp "$jar" dev.jdbcguard.benchmarks.footprint.ConnectionFootprint stub 2000 2000 5
      log footprint-server java -cp "$jar" dev.jdbcguard.benchmarks.footprint.ConnectionFootprint server 100 2000 3 ;;
    rules) log rules java -jar "$jar" 'RuleEngineBenchmark.(judgeNewText|concatenateOnly|judgeCacheHit)' -p workload=OLTP_SELECT \
      -f 1 -wi 5 -w 1s -i 5 -r 1s -prof gc -rf json -rff "$out/rules.json" ;;
    overhead) log overhead java -jar "$jar" OverheadBenchmark -p layer=RAW,GUARD -f 2 -wi 3 -w 1s -i 5 -r 1s -prof gc \
      -rf json -rff "$out/overhead.json" ;;
    e2e)
      export JDBC_GUARD_BENCH_SERVER_CPUS=0
      for cycle in executeNewText prepare; do
        log "e2e-$cycle" taskset -c 1 java -jar "$jar" "EndToEndBenchmark.$cycle\$" -t 1 -f 2 -wi 10 -w 2s -i 15 -r 1s \
          -prof gc -rf json -rff "$out/e2e-$cycle.json"
      done
      log e2e-control taskset -c 1 java -jar "$jar" 'EndToEndBenchmark.executeNewText$' -p against=RAW -t 1 -f 2 -wi 10 \
        -w 2s -i 15 -r 1s -prof gc -rf json -rff "$out/e2e-control.json"
      unset JDBC_GUARD_BENCH_SERVER_CPUS ;;
    *) echo "unknown part $part" >&2; exit 2 ;;
  esac
done
