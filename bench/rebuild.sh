#!/usr/bin/env bash
# Rebuild benchmark (issue 18 item 2): `proklik aggregates rebuild` of EVENTS raw events of one campaign to RECIPIENTS
# recipients in the embedded H2 (default 20 M and 1 M: target under 10 minutes), against one plain scan of the same
# raw table computing the campaign's headline figures (bench/ReportTiming.java's raw scan), measured in the same run;
# then ReportTiming checks that the rebuilt view and the scan give the same figures.
#
# Usage: bench/rebuild.sh [EVENTS] [RECIPIENTS]      (BENCH_OUT=/path, default /tmp/proklik-bench)
# The data is bench/LoadReportData.java's (LOAD_ONLY=1: loaded without a rebuild), kept in
# $BENCH_OUT/rebuild-home-RECIPIENTS-EVENTS and reused by the next run (delete it to load afresh).
# LOAD_JAVA_OPTS (default -Xmx4g) for the loader; PROKLIK_JAVA_OPTS (default -Xmx512m -XX:+UseParallelGC, the launcher's) for the rebuild.
# PROKLIK_JAR=/path/proklik.jar measures that jar (e.g. an older build, for before/after) instead of building this tree.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
events="${1:-20000000}"
recipients="${2:-1000000}"
out="${BENCH_OUT:-/tmp/proklik-bench}"
jar="${PROKLIK_JAR:-$repo/app/target/proklik.jar}"
campaign="C2026-05"
export PROKLIK_JAVA_OPTS="${PROKLIK_JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}"
load_opts="${LOAD_JAVA_OPTS:--Xmx4g}"

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
# Only the app and the modules it needs, packaged in this tree (never install: ~/.m2 is shared with other checkouts).
[ -n "${PROKLIK_JAR:-}" ] || (cd "$repo" && ./mvnw -B -q -ntp -DskipTests package -pl app -am)
mkdir -p "$out"
home="$out/rebuild-home-$recipients-$events"
if [ ! -f "$home/.loaded" ]; then
  rm -rf "$home"
  # shellcheck disable=SC2086
  LOAD_ONLY=1 java $load_opts -cp "$jar" "$here/LoadReportData.java" "$home" "$campaign" "$recipients" "$events" 42 \
    2> "$out/rebuild-load.err" | tee "$out/rebuild-load.log"
  touch "$home/.loaded"
fi
export PROKLIK_HOME="$home"
# shellcheck disable=SC2086
java ${PROKLIK_JAVA_OPTS} -jar "$jar" db migrate > /dev/null
echo "machine before the rebuild: $(uptime)"

t0=$(date +%s%N)
# shellcheck disable=SC2086
/usr/bin/time -f "%M" -o "$out/rebuild-rss.txt" java ${PROKLIK_JAVA_OPTS} -jar "$jar" aggregates rebuild \
  > "$out/rebuild.txt" 2> "$out/rebuild.err" || { cat "$out/rebuild.err" >&2; exit 1; }
t1=$(date +%s%N)
cat "$out/rebuild.txt"
rebuild_s=$(awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')
rss_mib=$(( $(tail -1 "$out/rebuild-rss.txt") / 1024 ))
echo "machine after the rebuild: $(uptime)"

# shellcheck disable=SC2086
timing=$(SCAN_RUNS=1 java ${PROKLIK_JAVA_OPTS} -cp "$jar" "$here/ReportTiming.java" "$home" "$campaign" 2>/dev/null)
line=$(grep '^RESULT' <<< "$timing")
rows=$(sed -n 's/.*raw_rows=\([0-9]*\).*/\1/p' <<< "$line")
scan_ms=$(sed -n 's/.*raw_scan_ms=\([0-9.]*\).*/\1/p' <<< "$line")
same=$(sed -n 's/.*figures_equal=\([^ ]*\).*/\1/p' <<< "$line")
awk -v n="$rows" -v rb="$rebuild_s" -v sc="$scan_ms" -v rss="$rss_mib" -v same="$same" 'BEGIN {
  ok = (rb < 600) ? "PASS" : "FAIL"
  printf "\nraw events %d: aggregates rebuild %.1f s (%.0f events/s, peak RSS %d MiB; target < 600 s: %s)\n", n, rb, n / rb, rss, ok
  printf "one scan of pkl_event for the headline figures (same run): %.1f s; rebuild / scan = %.1f\n", sc / 1000, rb / (sc / 1000)
  printf "rebuilt view = scan: %s\n", same
}'
