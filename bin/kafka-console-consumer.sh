#!/usr/bin/env bash
# kafka-console-consumer.sh as Kafka ships it, run on consumer-cli (consumer-cli/target/consumer-cli.jar): the
# same options; the arguments go through unchanged and the exit status comes back. See bin/run-jar.sh for the
# class-data sharing archive that speeds up its start.
# As Kafka's script: a 512 MiB heap unless KAFKA_HEAP_OPTS names one.
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx512M}
exec "$(dirname "${BASH_SOURCE[0]}")/run-jar.sh" consumer-cli "$@"
