#!/usr/bin/env bash
# Report benchmark (issue "Campaign evaluation"): RECIPIENTS recipients and raw event tables of two (or more) sizes in
# the embedded H2; for each size the time of `report campaign ID` and of the per-campaign view, against the same
# figures computed by a plain scan of pkl_event, measured in the same run (bench/ReportTiming.java, in-process).
# Target: under 200 ms and independent of the raw table's size.
#
# Usage: bench/report.sh [RECIPIENTS] ["SIZE1 SIZE2 ..."]     default: 1000000 "2000000 20000000"
# Each size gets a fresh home filled set-based by bench/LoadReportData.java (the product's schema, campaign command
# and `proklik aggregates rebuild`; not the import job, which runs at ~8k events/s). Homes live under
# ${BENCH_OUT:-/tmp/proklik-bench} and are deleted after measuring unless KEEP=1. The loader stops (and the size is
# skipped) when less than MIN_FREE_GB (default 5) is left on that disk (schema 2.5's one-transaction rebuild once
# filled it; the rebuild now commits every 250,000 events).
# LOAD_JAVA_OPTS (default -Xmx4g) for the loader and rebuild; PROKLIK_JAVA_OPTS (default -Xmx512m -XX:+UseParallelGC, the launcher's)
# for the measurement, as a user runs `proklik report`. SEED (default 42) makes the data.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
recipients="${1:-1000000}"
sizes="${2:-2000000 20000000}"
out="${BENCH_OUT:-/tmp/proklik-bench}"
jar="$repo/app/target/proklik.jar"
campaign="C2026-05"
seed="${SEED:-42}"
export PROKLIK_JAVA_OPTS="${PROKLIK_JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}"
load_opts="${LOAD_JAVA_OPTS:--Xmx4g}"

# Only the app and the modules it needs, packaged in this tree (no install: ~/.m2 may serve another checkout).
(cd "$repo" && ./mvnw -B -q -ntp -DskipTests package -pl app -am)
mkdir -p "$out"
results=()
sections=()
for events in $sizes; do
  home="$out/report-home-$recipients-$events"
  rm -rf "$home"
  log="$out/report-load-$recipients-$events.log"
  # shellcheck disable=SC2086
  if ! java $load_opts -cp "$jar" "$here/LoadReportData.java" "$home" "$campaign" "$recipients" "$events" "$seed" \
      2> "$out/report-load-$recipients-$events.err" | tee "$log"; then
    # e.g. STOPPED: the disk watch of the loader (MIN_FREE_GB) ended it; see the .err file otherwise
    echo "load of $events events failed: $(grep -h '^STOPPED' "$log" || tail -1 "$out/report-load-$recipients-$events.err")"
    [ "${KEEP:-0}" = 1 ] || rm -rf "$home"
    continue
  fi
  loaded=$(grep '^LOADED' "$log")
  # A report that does not finish (the views once re-attributed every order for each recipient) must not hold up the
  # other sizes: ReportTiming gets REPORT_TIMEOUT seconds (default 1200).
  # shellcheck disable=SC2086
  timing=$(timeout "${REPORT_TIMEOUT:-1200}" java ${PROKLIK_JAVA_OPTS} -cp "$jar" "$here/ReportTiming.java" "$home" \
    "$campaign" 2>/dev/null) || timing="RESULT raw_rows=0 report_ms=nan view_ms=nan raw_scan_ms=nan figures_equal=n/a(ReportTiming:timed-out-after-${REPORT_TIMEOUT:-1200}s)"
  echo "$timing"
  line=$(grep '^RESULT' <<< "$timing")
  h2_bytes=$(stat -c %s "$home/db/proklik.mv.db")
  results+=("$events $line ${loaded#LOADED } h2_after=$h2_bytes")
  sections+=("$events $(grep "^SECTIONS_MS" <<< "$timing" || echo "SECTIONS_MS n/a")")
  if [ "${KEEP:-0}" != 1 ]; then
    rm -rf "$home"
  fi
done

echo
# H2 MiB: the file after the load / its peak during the rebuild / after the measurement.
printf "%-10s %10s %8s %9s %16s %10s %8s %12s %9s %s\n" "events" "raw rows" "load s" "rebuild s" "H2 MiB" "report ms" \
  "view ms" "raw scan ms" "scan/view" "view = scan"
for r in "${results[@]}"; do
  set -- $r
  events=$1
  rows=${3#raw_rows=}; report=${4#report_ms=}; view=${5#view_ms=}; scan=${6#raw_scan_ms=}; same=${7#figures_equal=}
  field() { tr ' ' '\n' <<< "$r" | sed -n "s/^$1=//p"; }
  load=$(field load_s); rebuild=$(field rebuild_s)
  h2=$(awk -v a="$(field h2_load_bytes)" -v b="$(field h2_peak_bytes)" -v c="$(field h2_after)" \
    'BEGIN { printf "%d/%d/%d", a / 1048576, b / 1048576, c / 1048576 }')
  awk -v e="$events" -v r="$rows" -v l="$load" -v b="$rebuild" -v h="$h2" -v rep="$report" -v v="$view" -v s="$scan" \
    -v same="$same" 'BEGIN {
      if (rep == "nan") {
        printf "%-10s %10s %8.0f %9.0f %16s %10s %8s %12s %9s %s   (report < 200 ms: FAIL)\n", e, "-", l, b, h,
          "-", "-", "-", "-", same
      } else {
        ok = (rep < 200) ? "PASS" : "FAIL"
        printf "%-10s %10d %8.0f %9.0f %16s %10.1f %8.1f %12.1f %8.0fx %s   (report < 200 ms: %s)\n",
          e, r, l, b, h, rep, v, s, s / v, same, ok
      }
    }'
done
echo
for s in "${sections[@]}"; do
  echo "$s"
done
