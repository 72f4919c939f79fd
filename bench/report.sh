#!/usr/bin/env bash
# Report benchmark (issue "Campaign evaluation"): RECIPIENTS recipients and raw event tables of two (or more) sizes in
# the embedded H2; for each size the time of `report campaign ID` and of the per-campaign view, against the same
# figures computed by a plain scan of pkl_event, measured in the same run (bench/ReportTiming.java, in-process).
# Target: under 200 ms and independent of the raw table's size.
#
# Usage: bench/report.sh [RECIPIENTS] ["SIZE1 SIZE2 ..."]     default: 1000000 "2000000 20000000"
# The events go through the real import job (with its aggregate fold), so large sizes take long: see RESULTS.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
recipients="${1:-1000000}"
sizes="${2:-2000000 20000000}"
out="${BENCH_OUT:-/tmp/proklik-bench}"
jar="$repo/app/target/proklik.jar"
campaign="C2026-05"
export PROKLIK_JAVA_OPTS="${PROKLIK_JAVA_OPTS:--Xmx512m}"

(cd "$repo" && ./mvnw -B -q -ntp -DskipTests install)
proklik() { java ${PROKLIK_JAVA_OPTS} -jar "$jar" "$@"; }
mkdir -p "$out"
results=()
for events in $sizes; do
  gen="$out/report-gen-$recipients-$events"
  if [ ! -f "$gen/.done" ]; then
    rm -rf "$gen" && mkdir -p "$gen"
    java -Xmx1g -cp "$jar" "$here/GenerateClickLog.java" "$gen" "$events" "$recipients" 2 42 >/dev/null
    touch "$gen/.done"
  fi
  home="$out/report-home-$recipients-$events"
  rm -rf "$home" && mkdir -p "$home/clicklog"
  cp -l "$gen"/*.csv "$home/clicklog/"
  export PROKLIK_HOME="$home"
  proklik campaigns add "$campaign" --name "Benchmark campaign" --utm-campaign "bench_$campaign" \
    --sent-at 2026-10-07T08:00:00Z >/dev/null
  # Every recipient was sent the campaign: the denominators of the rates.
  awk -v n="$recipients" -v c="$campaign" 'BEGIN { print "campaign_id,recipient_id,email,status,variant,sent_at";
    for (i = 0; i < n; i++) printf "%s,R%d,r%d@example.com,sent,%s,2026-10-07T08:00:00Z\n", c, i, i, (i % 2 ? "A" : "B") }' \
    > "$home/sends.csv"
  t0=$(date +%s)
  proklik sends import "$home/sends.csv" >/dev/null
  proklik import --no-progress | grep "Import done"
  echo "loaded $events events, $recipients sends in $(( $(date +%s) - t0 )) s"
  line=$(java ${PROKLIK_JAVA_OPTS} -cp "$jar" "$here/ReportTiming.java" "$home" "$campaign" 2>/dev/null | grep '^RESULT')
  echo "$line"
  results+=("$events $line")
done

echo
printf "%-12s %12s %12s %10s %14s %8s %s\n" "events" "raw rows" "report ms" "view ms" "raw scan ms" "scan/view" "view = scan"
for r in "${results[@]}"; do
  set -- $r
  events=$1
  rows=${3#raw_rows=}; report=${4#report_ms=}; view=${5#view_ms=}; scan=${6#raw_scan_ms=}; same=${7#figures_equal=}
  awk -v e="$events" -v r="$rows" -v rep="$report" -v v="$view" -v s="$scan" -v same="$same" \
    'BEGIN { ok = (rep < 200) ? "PASS" : "FAIL"; printf "%-12s %12d %12.1f %10.1f %14.1f %8.0fx %s   (report < 200 ms: %s)\n", e, r, rep, v, s, s / v, same, ok }'
done
