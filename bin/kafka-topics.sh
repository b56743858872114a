#!/usr/bin/env bash
# kafka-topics.sh on local-kafka's topics command (java -jar local-kafka/target/local-kafka.jar topics ...), which
# works against any Kafka: --bootstrap-server HOST:PORT --create|--list|--describe|--delete [--topic T
# --partitions N ...]; see --help. Arguments go through unchanged, the exit status comes back.
exec "$(dirname "${BASH_SOURCE[0]}")/run-jar.sh" --archive local-kafka-topics local-kafka topics "$@"
