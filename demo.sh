#!/usr/bin/env bash
# The demo: the lab's story in about a minute once built. It starts a Kafka broker (KRaft) with the topic "lab",
# sends the first half of demo/alice-in-wonderland.txt with producer-cli, reads a few records back with
# consumer-cli, counts the words with direct-app, sends the second half, shows the group's offsets and lag
# before and after direct-app counts again (only the new records), then counts the whole book with receiver-app
# in its own group. Each step is announced in one line; each tool's stdout, then its stderr, is shown after it
# ends, so the two never interleave. Everything it starts is stopped on exit, Ctrl-C or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")"

book=demo/alice-in-wonderland.txt
first_half=1553  # chapters I-VI; chapter VII starts on the next line
jars=(local-kafka producer-cli consumer-cli direct-app receiver-app)
for jar in "${jars[@]}"; do
  if [ ! -f "$jar/target/$jar.jar" ]; then
    echo "Building the tools (first run only, a few minutes)..." >&2
    mvn -q -B package -DskipTests >&2
    break
  fi
done

work=$(mktemp -d)
broker=""
child=""
stop() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1"
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$child"
  stop "$broker"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step=0
announce() {
  step=$((step + 1))
  echo "==> $step/10 $*" >&2
}

# Runs a tool in the background (so that the trap can stop it), its stdout and stderr into files, then shows
# its stdout (through $filter, if set) and its stderr, one after the other. Stdin: $input, else nothing.
run() {
  local status=0
  "$@" < "${input:-/dev/null}" > "$work/stdout" 2> "$work/stderr" &
  child=$!
  wait "$child" || status=$?
  child=""
  ${filter:-cat} < "$work/stdout"
  cat "$work/stderr" >&2
  return "$status"
}

# A job's printout without the batches that had nothing to count (each batch is a block ending in a blank line).
batches_with_counts() {
  awk 'BEGIN { RS = ""; ORS = "\n\n" } /\n\(/'
}

# A tool's fat jar. The tools run as plain commands, never inside a function or subshell, so that the pid the
# trap stops is the JVM's own.
jar() {
  echo "$1/target/$1.jar"
}

announce "Starting Kafka (KRaft, no ZooKeeper) with topic 'lab'"
java -jar "$(jar local-kafka)" --port 0 --data-dir "$work/kafka" --topic lab:1 > "$work/broker.out" 2> "$work/broker.err" &
broker=$!
for _ in $(seq 1 1200); do
  grep -q "^Kafka is ready at " "$work/broker.out" && break
  if ! kill -0 "$broker" 2>/dev/null; then cat "$work/broker.err" >&2; exit 1; fi
  sleep 0.1
done
address=$(sed -n 's/^Kafka is ready at //p' "$work/broker.out")
[ -n "$address" ] || { echo "error: Kafka did not start within 120 s" >&2; exit 1; }
echo "Kafka is ready at $address"

# One record per line that has text (a blank line would be an empty record).
head -n "$first_half" "$book" | grep -v '^[[:space:]]*$' > "$work/part1.txt"
tail -n "+$((first_half + 1))" "$book" | grep -v '^[[:space:]]*$' > "$work/part2.txt"
announce "Sending chapters I-VI of Alice's Adventures in Wonderland ($book, its $(wc -l < "$work/part1.txt") lines with text) with producer-cli"
input="$work/part1.txt" run java -jar "$(jar producer-cli)" --bootstrap-server "$address" --topic lab

announce "Reading 5 records back with consumer-cli, from the beginning, each with its partition and offset"
run java -jar "$(jar consumer-cli)" --bootstrap-server "$address" --topic lab --from-beginning --max-messages 5 --timeout-ms 20000 \
  --property print.partition=true --property print.offset=true

announce "Counting with direct-app until idle (the lab's: spark-submit spark_kafka.py $address lab); batches with counts:"
filter=batches_with_counts run java -jar "$(jar direct-app)" "$address" lab --from-beginning --batch-seconds 1 --stop-when-idle 1 \
  --print 10

announce "Sending chapters VII-XII ($(wc -l < "$work/part2.txt") lines with text) with producer-cli"
input="$work/part2.txt" run java -jar "$(jar producer-cli)" --bootstrap-server "$address" --topic lab

announce "Group 'wordcount-direct' before counting them: its committed offsets (CURRENT-OFFSET) and the records not yet counted (LAG)"
run java -jar "$(jar local-kafka)" groups --bootstrap-server "$address" --describe --group wordcount-direct

announce "Counting again with direct-app: it starts at the group's committed offsets, so only chapters VII-XII are read"
filter=batches_with_counts run java -jar "$(jar direct-app)" "$address" lab --batch-seconds 1 --stop-when-idle 1 --print 10

announce "Group 'wordcount-direct' after: every offset committed, LAG 0"
run java -jar "$(jar local-kafka)" groups --bootstrap-server "$address" --describe --group wordcount-direct

announce "Counting the whole book with receiver-app in its own group: a receiver consumes, Spark stores, offsets follow the output"
# --no-wal: this run is not restarted, and the log costs a write per block; its other use, a lost executor's
# blocks, does not arise in local mode (receiver-app/README.md says what each setting guarantees).
filter=batches_with_counts run java -jar "$(jar receiver-app)" "$address" lab --from-beginning --batch-seconds 1 --stop-when-idle 2 \
  --print 5 --no-wal

announce "Group 'wordcount-receiver' after: the same offsets, reached by the other approach"
run java -jar "$(jar local-kafka)" groups --bootstrap-server "$address" --describe --group wordcount-receiver
