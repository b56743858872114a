#!/usr/bin/env bash
# The demo: build if needed, start a Kafka broker (KRaft) with the topic "lab", send demo/sample.txt
# with producer-cli, count its words with direct-app until the stream is idle, then stop everything.
set -euo pipefail
cd "$(dirname "$0")"

jars=(local-kafka/target/local-kafka.jar producer-cli/target/producer-cli.jar direct-app/target/direct-app.jar)
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ]; then
    echo "Building the tools (first run only, a few minutes)..." >&2
    mvn -q -B package -DskipTests >&2
    break
  fi
done

work=$(mktemp -d)
broker=""
cleanup() {
  if [ -n "$broker" ] && kill -0 "$broker" 2>/dev/null; then
    kill -TERM "$broker"
    wait "$broker" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "Starting Kafka (KRaft, no ZooKeeper) with topic 'lab'..." >&2
java -jar local-kafka/target/local-kafka.jar --port 0 --data-dir "$work/kafka" --topic lab:1 \
  > "$work/broker.out" 2> "$work/broker.err" &
broker=$!
for _ in $(seq 1 1200); do
  grep -q "^Kafka is ready at " "$work/broker.out" && break
  if ! kill -0 "$broker" 2>/dev/null; then cat "$work/broker.err" >&2; exit 1; fi
  sleep 0.1
done
address=$(sed -n 's/^Kafka is ready at //p' "$work/broker.out")
[ -n "$address" ] || { echo "error: Kafka did not start within 120 s" >&2; exit 1; }
echo "Kafka is ready at $address" >&2

echo "Sending demo/sample.txt to 'lab' with producer-cli..." >&2
java -jar producer-cli/target/producer-cli.jar --bootstrap-server "$address" --topic lab < demo/sample.txt

echo "Counting with direct-app (the lab's: spark-submit spark_kafka.py $address lab)..." >&2
java -jar direct-app/target/direct-app.jar "$address" lab --from-beginning --batch-seconds 1 --stop-when-idle 2 \
  --print 20
