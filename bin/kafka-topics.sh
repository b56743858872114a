#!/usr/bin/env bash
# kafka-topics.sh on local-kafka's topics command (java -jar local-kafka/target/local-kafka.jar topics ...): Kafka
# 3.9's own kafka-topics (TopicCommand), for any Kafka: --bootstrap-server HOST:PORT --create|--list|--describe|
# --alter|--delete [--topic T --partitions N ...]; see --help. Arguments go through unchanged, the exit status
# comes back.
exec "$(dirname "${BASH_SOURCE[0]}")/run-jar.sh" --archive local-kafka-topics local-kafka topics "$@"
