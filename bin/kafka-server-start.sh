#!/usr/bin/env bash
# Starts a local Kafka broker (KRaft, no ZooKeeper) from local-kafka/target/local-kafka.jar until Ctrl-C or SIGTERM,
# as kafka-server-start.sh starts Kafka's. It takes local-kafka's options, not a server.properties file, e.g.
#   bin/kafka-server-start.sh --port 9092 --data-dir kafka-data --topic lab:1
# and prints "Kafka is ready at 127.0.0.1:9092" once clients can connect; see --help.
exec "$(dirname "${BASH_SOURCE[0]}")/run-jar.sh" --archive local-kafka-broker local-kafka "$@"
