#!/usr/bin/env bash
# Mint benchmark (issue 14 item 1): 'proklik links mint' pre-signs LINKS tracking links (a campaign of 20 click links,
# its open pixel and unsubscribe link, for LINKS/22 recipients) into pkl_link_token on the embedded H2, against a bare
# LinkCodec loop signing the same links in the same JVM (bench/MintTiming.java; the baseline). Then the real CLI,
# end to end (JVM start, database open, CSV read, signing, rows written), timed on the same home. Target: seconds.
#
# Usage: bench/mint.sh [LINKS] [ROUNDS]      default: 100000 3 (plus one warm-up round)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
links="${1:-100000}"
rounds="${2:-3}"
jar="$repo/app/target/proklik.jar"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT

# Only the app and the modules it needs, packaged in this tree (no install: ~/.m2 may serve another checkout).
(cd "$repo" && ./mvnw -B -q -ntp -DskipTests package -pl app -am)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
java -Xmx1g -cp "$jar" "$here/MintTiming.java" "$home" "$links" "$rounds"
echo "the CLI, end to end:"
start=$(date +%s.%N)
PROKLIK_HOME="$home" java -jar "$jar" links mint --campaign C2026-MINT --recipients "$home/recipients.csv" \
  --base-url https://t.example.com
end=$(date +%s.%N)
echo "proklik links mint: $(awk "BEGIN { printf \"%.2f\", $end - $start }") s wall clock (JVM start included)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
