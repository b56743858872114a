#!/usr/bin/env bash
# Runs one of this repository's fat jars as Kafka's bin/ scripts run Kafka's tools, with a class-data sharing
# (CDS) archive of the tool's classes for a faster JVM start. The kafka-*.sh scripts beside this file call it;
# it is not meant to be called directly.
#
# Usage: bin/run-jar.sh [--archive NAME] MODULE [ARGS...]    runs java -jar MODULE/target/MODULE.jar ARGS...
#
# The archive is MODULE/target/NAME.jsa (NAME defaults to MODULE; the broker and each command of local-kafka
# load different classes, so each has its own). It is JDK 17's dynamic archive (-XX:ArchiveClassesAtExit): the
# first run that does work (any arguments but none, --help or --version) and exits 0 writes it as its JVM exits;
# later runs map it (-XX:SharedArchiveFile). Beside it, NAME.jsa.key records what it was made from: the jar's path,
# size and modification time, and the java binary. A rebuilt jar or another java no longer matches the key; then
# the archive is not used but made anew. (Given a stale archive, the JVM itself refuses it, runs without it and
# warns on stdout, into the tool's data; here JVM warnings go to stderr and CDS's own are off.)
#
# Environment:
#   JAVA_HOME           the JDK to run (default: java on the PATH)
#   KAFKA_HEAP_OPTS     JVM heap flags, as for Kafka's scripts (default: none, the JVM's own; the console tools'
#                       scripts set -Xmx512M, as Kafka's)
#   KAFKA_OPTS          more JVM flags, as for Kafka's scripts
#   KSWC_CDS=off        run without the archive (neither made nor used)
set -euo pipefail

name=
if [[ ${1:-} == --archive ]]; then
  name=${2:-}
  shift 2 || true
fi
if [[ $# -lt 1 ]]; then
  echo "usage: $0 [--archive NAME] MODULE [ARGS...]" >&2
  exit 2
fi
module=$1
shift
name=${name:-$module}
bin_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(dirname "$bin_dir")
jar=$root/$module/target/$module.jar
if [[ ! -f $jar ]]; then
  echo "error: $jar is missing: build it first, in $root: mvn -B package -DskipTests" >&2
  exit 1
fi
if [[ -n ${JAVA_HOME:-} ]]; then
  java=$JAVA_HOME/bin/java
else
  java=$(command -v java) || { echo "error: no java on the PATH and JAVA_HOME is not set" >&2; exit 1; }
fi
# shellcheck disable=SC2206
jvm_opts=(${KAFKA_HEAP_OPTS:-} ${KAFKA_OPTS:-})
# JVM warnings on stderr, not stdout (the tools' data); CDS's own notes off.
log_opts=(-Xlog:disable -Xlog:all=warning,cds*=off:stderr)

archive=$root/$module/target/$name.jsa
if [[ ${KSWC_CDS:-on} == off || ! -w $(dirname "$archive") ]]; then
  exec "$java" "${jvm_opts[@]}" -jar "$jar" "$@"
fi

key="$jar $(stat -c '%s %Y' "$jar") $(readlink -f "$java")"
if [[ -f $archive && -f $archive.key && $(<"$archive.key") == "$key" ]]; then
  # -Xshare:auto (the default): should the JVM still refuse the archive, it runs without it.
  exec "$java" -XX:SharedArchiveFile="$archive" "${log_opts[@]}" "${jvm_opts[@]}" -jar "$jar" "$@"
fi

# No archive for this jar and java yet: without arguments, --help and --version load too few classes to be worth
# archiving.
case " $* " in
  "  " | *" --help "* | *" --version "* | *" -h "*)
    exec "$java" "${jvm_opts[@]}" -jar "$jar" "$@" ;;
esac
rm -f "$archive" "$archive.key"
# Written to a file of this process, then moved into place: runs at the same time never read a half-written one.
partial=$archive.$$.tmp
# This JVM is not exec'd (the archive is moved into place once it exits), so it runs as a child that keeps what an
# exec'd one has: the script's stdin (an asynchronous command would get /dev/null), Ctrl-C (such a command starts
# with SIGINT ignored, and a JVM started so never sees it; env --default-signal restores it), and signals sent to
# the script, forwarded below.
default_int=()
if env --default-signal=INT true 2>/dev/null; then
  default_int=(env --default-signal=INT)
fi
"${default_int[@]}" "$java" -XX:ArchiveClassesAtExit="$partial" "${log_opts[@]}" "${jvm_opts[@]}" -jar "$jar" "$@" \
  <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' TERM HUP
trap 'kill -INT "$child" 2>/dev/null || true' INT
status=0
while true; do
  wait "$child" && status=0 || status=$?
  # A trapped signal ends wait early (status above 128) while the JVM still runs: wait again.
  kill -0 "$child" 2>/dev/null || break
done
if [[ $status -eq 0 && -s $partial ]]; then
  printf '%s' "$key" > "$archive.key.$$.tmp"
  mv -f "$partial" "$archive"
  mv -f "$archive.key.$$.tmp" "$archive.key"
else
  rm -f "$partial"
fi
exit "$status"
