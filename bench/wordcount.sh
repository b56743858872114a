#!/usr/bin/env bash
# JMH benchmark of the word-count hot path (core's tokenizers counting into a map) against split(" ")
# and a regex split. Usage: bench/wordcount.sh [JMH options]   (e.g. -f 1 -wi 3 -i 5)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -N >&2
mvn -B -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >&2
cp="core/target/test-classes:core/target/classes:$(cat core/target/bench.classpath)"
exec java -cp "$cp" org.openjdk.jmh.Main TokenizerBench "$@"
