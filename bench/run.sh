#!/usr/bin/env bash
# The end-to-end speed benchmark (issue 12): one generated text file and one local-kafka broker; producer-cli,
# consumer-cli, direct-app and receiver-app side by side with Kafka 3.9.2's console tools, the lab's job and
# Kafka's performance tools, each pair alternated 5 times; medians, per-round ratio ranges and peak RSS. Writes docs/benchmarks.md,
# docs/benchmarks-table.md and docs/benchmarks.png, and prints the table.
#
# Needs the fat jars of the README's build (mvn -B package -DskipTests). Builds only the small bench module; Kafka's
# tools come from the local Maven repository (bench/kafka-tools/pom.xml). The machine should be otherwise idle.
# Usage: bench/run.sh [--only PAIRS] [lines]   (default: every pair, 1000000 lines)
#   --only PAIRS        only these pairs, comma-separated: producer, consumer, direct, receiver (e.g. the console
#                       tools without the Spark jobs: --only producer,consumer); the report then goes to
#                       bench/target/bench-only/, so docs/ keeps the full run's
#   BENCH_ONLY=PAIRS    the same as --only
#   BENCH_RUNS=K        runs of each side of each pair (default 5)
#   BENCH_KEEP_LOGS=1   keep every run's stdout and stderr (a failed benchmark always keeps them)
set -euo pipefail
cd "$(dirname "$0")/.."

only=${BENCH_ONLY:-}
if [[ ${1:-} == --only ]]; then
  only=${2:-}
  shift 2 || { echo "error: --only needs pairs, e.g. --only producer,consumer" >&2; exit 2; }
elif [[ ${1:-} == --only=* ]]; then
  only=${1#--only=}
  shift
fi
lines=${1:-1000000}
runs=${BENCH_RUNS:-5}
if [[ ! $lines =~ ^[1-9][0-9]{0,8}$ ]]; then
  echo "error: lines '$lines' is invalid: give a whole number from 1 to 999999999" >&2
  exit 2
fi
modules=(local-kafka)
if [[ -z $only ]]; then
  modules+=(producer-cli consumer-cli direct-app receiver-app)
else
  for pair in ${only//,/ }; do
    case $pair in
      producer|consumer) modules+=("$pair-cli") ;;
      direct|receiver) modules+=("$pair-app") ;;
      *) echo "error: --only '$only' is invalid: give pairs from producer, consumer, direct, receiver," \
           "comma-separated" >&2; exit 2 ;;
    esac
  done
fi
for module in "${modules[@]}"; do
  if [[ ! -f $module/target/$module.jar ]]; then
    echo "error: run mvn -B package -DskipTests first ($module/target/$module.jar is missing)" >&2
    exit 2
  fi
done

target=$PWD/bench/target
# Maven's quiet mode still writes colour resets; keep them off the terminal.
mvn_quiet() { mvn -B -q "$@" 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' >&2; }
echo "Compiling the bench module and resolving its class path and Kafka's tools' ..." >&2
if ! { mvn_quiet install -N \
    && mvn_quiet -f bench/pom.xml compile dependency:build-classpath -Dmdep.outputFile="$target/bench.classpath" \
    && mvn_quiet -f bench/kafka-tools/pom.xml dependency:build-classpath \
      -Dmdep.outputFile="$target/kafka-tools.classpath"; }
then
  echo "error: Maven could not build the bench module or resolve its class paths (its output is above)" >&2
  exit 1
fi

# Spark on Java 17 needs these (the fat jars carry them in their manifest); the lab's job gets them from here.
add_opens=$(grep -o -- '--add-opens=[^ <]*' pom.xml | sort -u | tr '\n' ' ')
# shellcheck disable=SC2086
exec java -Djava.awt.headless=true $add_opens -cp "$target/classes:$(cat "$target/bench.classpath")" \
  io.github.kswordcount.bench.BenchMain --root . --lines "$lines" --runs "$runs" \
  --bench-classpath "$target/bench.classpath" --kafka-classpath "$target/kafka-tools.classpath" \
  --command "bench/run.sh${only:+ --only $only}${1:+ $1}" ${only:+--only "$only"} ${BENCH_KEEP_LOGS:+--keep-logs}
