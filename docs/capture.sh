#!/usr/bin/env bash
# Regenerates docs/concepts.md from a real run: every command the page shows is run again and its output
# written under it (docs/capture/Capture.java says how). Needs the README's build (mvn -q package -DskipTests),
# the ports 9092, 9192, 9193 and 19092-19094 free on 127.0.0.1, and about two minutes. The page is left as it was
# if any command fails; the scratch dir /tmp/concepts is removed either way.
# Usage: docs/capture.sh [PAGE]   (default: docs/concepts.md)
set -euo pipefail
cd "$(dirname "$0")/.."

page=${1:-docs/concepts.md}
for module in local-kafka producer-cli consumer-cli direct-app receiver-app; do
  if [[ ! -f $module/target/$module.jar ]]; then
    echo "error: run mvn -q package -DskipTests first ($module/target/$module.jar is missing)" >&2
    exit 2
  fi
done
scratch=/tmp/concepts
rm -rf "$scratch"
mkdir -p "$scratch"
trap 'rm -rf "$scratch"' EXIT
java docs/capture/Capture.java "$page"
