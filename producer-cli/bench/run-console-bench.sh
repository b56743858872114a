#!/usr/bin/env bash
# Throughput of producer-cli and consumer-cli against Kafka 3.9.2's own console tools, on a local broker.
#
# Needs the fat jars (mvn -pl local-kafka,producer-cli,consumer-cli -am package -DskipTests) and Kafka's
# tools from the local Maven repository (they are consumer-cli's test dependencies; the script asks Maven
# for that class path, offline). The machine should be otherwise idle: the broker shares its cores.
# Each tool runs as users run it, JVM start included:
#   producer: LINES lines from a file on stdin             -> lines/s
#   consumer: --from-beginning --max-messages LINES | wc -l -> messages/s
# Usage: producer-cli/bench/run-console-bench.sh [LINES] [RUNS] [PORT]   (defaults 1000000 3 19092)
set -euo pipefail

LINES=${1:-1000000}
RUNS=${2:-3}
PORT=${3:-19092}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
BOOT=127.0.0.1:$PORT
BROKER_PID=

cleanup() {
  if [[ -n $BROKER_PID ]]; then kill "$BROKER_PID" 2>/dev/null || true; wait "$BROKER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

for jar in local-kafka producer-cli consumer-cli; do
  [[ -f $ROOT/$jar/target/$jar.jar ]] || { echo "missing $jar/target/$jar.jar: build the fat jars first" >&2; exit 1; }
done

echo "Kafka's tools class path (consumer-cli's test scope)..." >&2
(cd "$ROOT" && mvn -B -q -o -pl consumer-cli dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/kafka.cp" >/dev/null)
KAFKA_CP=$(cat "$WORK/kafka.cp")
# Kafka's tools log through whichever SLF4J backend the class path has; keep their WARNs on stderr.
cat > "$WORK/log4j2.xml" <<'XML'
<Configuration status="WARN"><Appenders><Console name="e" target="SYSTEM_ERR"><PatternLayout pattern="%p %m%n"/></Console></Appenders>
<Loggers><Root level="WARN"><AppenderRef ref="e"/></Root></Loggers></Configuration>
XML
KAFKA_JAVA=(java -Dlog4j2.configurationFile="$WORK/log4j2.xml" -cp "$KAFKA_CP")

echo "Writing $LINES lines..." >&2
awk -v n="$LINES" 'BEGIN { for (i = 0; i < n; i++) printf "line %d: the quick brown fox jumps over лошадь %d\n", i, i % 97 }' \
  > "$WORK/lines.txt"

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is in use: pass a free one as the third argument" >&2
  exit 1
fi
echo "Starting a broker on $BOOT..." >&2
java -jar "$ROOT/local-kafka/target/local-kafka.jar" --port "$PORT" --topic bench-ours:1 --topic bench-kafka:1 \
  > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
for _ in $(seq 1 120); do
  if grep -q "bench-kafka" "$WORK/broker.log" 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  kill -0 "$BROKER_PID" 2>/dev/null || { cat "$WORK/broker.log" >&2; exit 1; }
  sleep 0.5
done

# Runs a command RUNS times; prints the best and the median wall time in seconds.
timings() {
  local start end times=()
  for _ in $(seq 1 "$RUNS"); do
    start=$(date +%s%N)
    "$@"
    end=$(date +%s%N)
    times+=("$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')")
    echo "  ${times[-1]} s" >&2
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print t[1], t[int((NR + 1) / 2)] }'
}

produce_ours() { java -jar "$ROOT/producer-cli/target/producer-cli.jar" --bootstrap-server "$BOOT" --topic bench-ours < "$WORK/lines.txt"; }
produce_kafka() { "${KAFKA_JAVA[@]}" kafka.tools.ConsoleProducer --bootstrap-server "$BOOT" --topic bench-kafka < "$WORK/lines.txt"; }
consume_ours() {
  local n
  n=$(java -jar "$ROOT/consumer-cli/target/consumer-cli.jar" --bootstrap-server "$BOOT" --topic bench-ours \
    --from-beginning --max-messages "$LINES" 2>/dev/null | wc -l)
  [[ $n -eq $LINES ]] || { echo "consumer-cli printed $n lines, not $LINES" >&2; exit 1; }
}
consume_kafka() {
  local n
  n=$("${KAFKA_JAVA[@]}" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOT" \
    --topic bench-kafka --from-beginning --max-messages "$LINES" 2>/dev/null | wc -l)
  [[ $n -eq $LINES ]] || { echo "Kafka's consumer printed $n lines, not $LINES" >&2; exit 1; }
}

echo "producer-cli:" >&2;      read -r P_OURS P_OURS_MED < <(timings produce_ours)
echo "Kafka's producer:" >&2;  read -r P_KAFKA P_KAFKA_MED < <(timings produce_kafka)
echo "consumer-cli:" >&2;      read -r C_OURS C_OURS_MED < <(timings consume_ours)
echo "Kafka's consumer:" >&2;  read -r C_KAFKA C_KAFKA_MED < <(timings consume_kafka)

awk -v n="$LINES" -v runs="$RUNS" -v po="$P_OURS" -v pk="$P_KAFKA" -v co="$C_OURS" -v ck="$C_KAFKA" \
  -v pom="$P_OURS_MED" -v pkm="$P_KAFKA_MED" -v com="$C_OURS_MED" -v ckm="$C_KAFKA_MED" 'BEGIN {
  printf "%d lines, %d runs each, JVM start included; per second, best run (median run)\n", n, runs
  printf "%-10s %22s %22s %16s\n", "tool", "ours", "kafka", "ratio"
  printf "%-10s %10.0f (%9.0f) %10.0f (%9.0f) %6.2fx (%5.2fx)\n", "producer", n / po, n / pom, n / pk, n / pkm, pk / po, pkm / pom
  printf "%-10s %10.0f (%9.0f) %10.0f (%9.0f) %6.2fx (%5.2fx)\n", "consumer", n / co, n / com, n / ck, n / ckm, ck / co, ckm / com
}'
