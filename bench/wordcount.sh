#!/usr/bin/env bash
# JMH benchmark of the word-count hot path (core's tokenizers counting into a map) against split(" ")
# and a regex split, and one batch on a local Spark against the lab's pipeline.
# Usage: bench/wordcount.sh [BENCHMARK-REGEX] [JMH options]   (default: TokenizerBench; also WordCountRddBench,
#   ValueCountBench: record values decoded then split, or counted from their bytes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -N >&2
mvn -B -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >&2
cp="core/target/test-classes:core/target/classes:$(cat core/target/bench.classpath)"
exec java -cp "$cp" org.openjdk.jmh.Main "${@:-TokenizerBench}"
