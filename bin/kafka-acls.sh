#!/usr/bin/env bash
# kafka-acls.sh on local-kafka's acls command (java -jar local-kafka/target/local-kafka.jar acls ...): Kafka 3.9's
# own kafka-acls (AclCommand), for any Kafka with an authorizer: --bootstrap-server HOST:PORT --command-config FILE
# --add|--remove|--list [--allow-principal User:NAME --operation OP --topic T ...]; see --help. Arguments go
# through unchanged, the exit status comes back.
exec "$(dirname "${BASH_SOURCE[0]}")/run-jar.sh" --archive local-kafka-acls local-kafka acls "$@"
