#!/usr/bin/env bash
# kafka-console-consumer.sh as Kafka ships it, run on consumer-cli (consumer-cli/target/consumer-cli.jar): the
# same options; the arguments go through unchanged and the exit status comes back. See bin/run-jar.sh for the
# class-data sharing archive that speeds up its start.
exec "$(dirname "${BASH_SOURCE[0]}")/run-jar.sh" consumer-cli "$@"
