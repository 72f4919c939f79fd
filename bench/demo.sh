#!/usr/bin/env bash
# Demo benchmark: how long `proklik demo` takes (stand-in ERP, campaign, ~2,200 real requests through the real
# redirect server, orders, the import job, the report), against the bare start of the same jar (`proklik --version`:
# JVM start, picocli, configuration), measured in the same run. README promises "well under a minute"; the test
# suite no longer times the demo (a busy build machine made that bound fail with nothing wrong), this script does.
#
# Usage: bench/demo.sh [RUNS]     default: 3 (the median is reported)
# Homes live under ${BENCH_OUT:-/tmp/proklik-bench}/demo-home-N and are deleted after each run. PROKLIK_JAVA_OPTS
# (default -Xmx512m -XX:+UseParallelGC, the launcher's) for both measurements.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
runs="${1:-3}"
out="${BENCH_OUT:-/tmp/proklik-bench}"
jar="$repo/app/target/proklik.jar"
export PROKLIK_JAVA_OPTS="${PROKLIK_JAVA_OPTS:--Xmx512m -XX:+UseParallelGC}"

# Only the app and the modules it needs, packaged in this tree (no install: ~/.m2 may serve another checkout).
(cd "$repo" && ./mvnw -B -q -ntp -DskipTests package -pl app -am)
mkdir -p "$out"

seconds() { # command... -> elapsed seconds, the command's output discarded
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

starts=() demos=()
for i in $(seq 1 "$runs"); do
  home="$out/demo-home-$i"
  rm -rf "$home"
  # shellcheck disable=SC2086
  starts+=("$(PROKLIK_HOME="$home" seconds java $PROKLIK_JAVA_OPTS -jar "$jar" --version)")
  # shellcheck disable=SC2086
  demos+=("$(PROKLIK_HOME="$home" seconds java $PROKLIK_JAVA_OPTS -jar "$jar" demo --recipients 5)")
  rm -rf "$home"
done
start=$(median "${starts[@]}")
demo=$(median "${demos[@]}")
printf 'RESULT runs=%d demo_s=%.1f jvm_start_s=%.2f demo_vs_start=%.0fx (demos: %s)\n' "$runs" "$demo" "$start" \
  "$(echo "$demo / $start" | bc -l)" "${demos[*]}"
