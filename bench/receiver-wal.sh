#!/usr/bin/env bash
# Receiver throughput with and without the write-ahead log, on an in-process local-kafka broker.
# Usage: bench/receiver-wal.sh [lines] [receivers]   (defaults: 1000000 1)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl receiver-app -am >&2
mvn -B -q -pl receiver-app test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2
cp="receiver-app/target/test-classes:receiver-app/target/classes:$(cat receiver-app/target/bench.classpath)"
exec java -Xmx6g $(grep -o -- '--add-opens=[^ <]*' pom.xml | sort -u | tr '\n' ' ') \
  -cp "$cp" io.github.kswordcount.receiverapp.ReceiverThroughputBench "${1:-1000000}" "${2:-1}"
