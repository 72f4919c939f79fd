#!/usr/bin/env bash
# Render benchmark (issue 15): render and sign personalised e-mails (subject, HTML, plain text, 20 tracked links with
# UTM parameters, open pixel, unsubscribe link) for RECIPIENTS recipients on ONE core, against a bare JMustache
# render of the same authored template with the same contact data, measured in the same run (bench/RenderTiming.java,
# in-process, one thread). Target: >= 5,000 e-mails/s and >= 0.5x the baseline.
#
# Usage: bench/render.sh [RECIPIENTS] [ROUNDS]      default: 100000 3 (plus one warm-up round; best round reported)
# One core: the JVM is pinned with taskset to CPU ${CPU:-0} when taskset exists, with -XX:ActiveProcessorCount=1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
recipients="${1:-100000}"
rounds="${2:-3}"
jar="$repo/app/target/proklik.jar"

# Only the app and the modules it needs, packaged in this tree (no install: ~/.m2 may serve another checkout).
(cd "$repo" && ./mvnw -B -q -ntp -DskipTests package -pl app -am)
pin=()
if command -v taskset > /dev/null; then
  pin=(taskset -c "${CPU:-0}")
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
"${pin[@]}" java -Xmx1g -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -cp "$jar" "$here/RenderTiming.java" \
  "$recipients" "$rounds"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
