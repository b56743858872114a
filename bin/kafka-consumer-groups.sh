#!/usr/bin/env bash
# kafka-consumer-groups.sh on local-kafka's groups command (java -jar local-kafka/target/local-kafka.jar groups ...):
# Kafka 3.9's own kafka-consumer-groups (ConsumerGroupCommand), for any Kafka: --bootstrap-server HOST:PORT
# --list|--describe|--reset-offsets|--delete|--delete-offsets [--group G ...]; see --help. Arguments go through
# unchanged, the exit status comes back.
exec "$(dirname "${BASH_SOURCE[0]}")/run-jar.sh" --archive local-kafka-groups local-kafka groups "$@"
