#!/usr/bin/env bash
# Junk-flood benchmark (issue 19.4): a flood of forged click links at the same time as genuine clicks, against a
# real `proklik serve` (fsync on), three times: with the junk budget switched off (what every rejected request
# cost before), with the default budget (the flood comes from one address, so the per-client limit answers 429),
# and with the per-client limit off (as from many addresses: only the global lines/bytes budget holds).
#
# Prints per run: junk req/s, genuine req/s, click-log bytes written per second, rejected lines written, what
# /metrics counted (unlogged, throttled), and the share of the genuine clicks wrk saw answered that are in the log.
# Builds with `./mvnw package` (never install). Exit 0 when the bench ran, non-zero when it could not.
#
# Knobs: BENCH_DURATION=15 (s per run), JUNK_CONNECTIONS=32, GENUINE_CONNECTIONS=4, BENCH_LINKS=2000,
#        BENCH_WORK_DIR (default bench/.run/<tmp>), BENCH_KEEP=1
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

DURATION=${BENCH_DURATION:-15}
JUNK_CONNS=${JUNK_CONNECTIONS:-32}
GENUINE_CONNS=${GENUINE_CONNECTIONS:-4}
NLINKS=${BENCH_LINKS:-2000}
TARGET_URL="https://shop.example.com/autumn-sale?utm_source=proklik"
JAVA_OPTS="-Xms128m -Xmx128m -XX:+UseSerialGC"

ensure_packages wrk:wrk ss:iproute2 shuf:coreutils
say "building (./mvnw package, tests skipped) ..."
(cd "$repo" && ./mvnw -B -ntp -q -DskipTests package) >&2 || die "build failed"
jar="$repo/app/target/proklik.jar"

if [ -n "${BENCH_WORK_DIR:-}" ]; then work=$BENCH_WORK_DIR; mkdir -p "$work"; else
  mkdir -p "$repo/bench/.run"; work=$(mktemp -d "$repo/bench/.run/junk.XXXXXX"); fi
pids=()
cleanup() {
  local rc=$? pid
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && { kill -TERM "$pid"; sleep 1; kill -KILL "$pid" 2>/dev/null; }; done
  wait 2>/dev/null || true
  if [ "${BENCH_KEEP:-0}" = 1 ]; then say "work dir kept: $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export PROKLIK_HOME="$work/home"
mkdir -p "$PROKLIK_HOME"
java -jar "$jar" keys generate >/dev/null || die "keys generate failed"
java -cp "$jar" "$here/MintLinks.java" "$PROKLIK_HOME/keys" "$NLINKS" "$TARGET_URL" "$work/links.txt" \
  || die "minting links failed"

cat >&2 <<EOF2
bench: date     $(date -u +%Y-%m-%dT%H:%M:%SZ), nproc=$(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)
bench: load     junk wrk -t1 -c$JUNK_CONNS + genuine wrk -t1 -c$GENUINE_CONNS at once, ${DURATION}s per run, fs $(df --output=fstype "$work" | tail -1)
EOF2

metric() { # metrics-text name-regex: sum of the matching samples
  printf '%s\n' "$1" | awk -v re="$2" '$1 ~ re {s += $2} END {printf "%.0f", s}'
}

# run NAME ENV... : one server with the given limits, both loads at once, then the figures.
declare -A ROW
order=()
run() {
  local name=$1; shift
  local port logdir=$work/log-$name pid junk genuine metrics
  port=$(free_port)
  env "$@" java $JAVA_OPTS -jar "$jar" serve --host 127.0.0.1 --port "$port" --log-dir "$logdir" --node bench \
    --io-threads 1 --fsync >"$work/$name.out" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_port "$port" "$pid" 60 || die "$name did not start: $(tail -20 "$work/$name.out")"
  say "$name: flooding for ${DURATION}s ..."
  wrk -t1 -c"$JUNK_CONNS" -d"${DURATION}s" --timeout 5s -s "$here/wrk-junk.lua" "http://127.0.0.1:$port" \
    >"$work/$name.junk.txt" 2>&1 &
  local jpid=$!
  wrk -t1 -c"$GENUINE_CONNS" -d"${DURATION}s" --timeout 5s -s "$here/wrk-links.lua" "http://127.0.0.1:$port" \
    -- "$work/links.txt" >"$work/$name.genuine.txt" 2>&1 || die "$name: genuine wrk failed"
  wait "$jpid" || die "$name: junk wrk failed"
  metrics=$(exec 3<>"/dev/tcp/127.0.0.1/$port"; printf 'GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3; timeout 5 cat <&3)
  stop_pid "$pid" TERM 30
  junk=$(grep '^BENCH ' "$work/$name.junk.txt") || die "$name: no junk result"
  genuine=$(grep '^BENCH ' "$work/$name.genuine.txt") || die "$name: no genuine result"
  local bytes clicks rejected greqs
  bytes=$(cat "$logdir"/*.csv* 2>/dev/null | wc -c)
  clicks=$(cat "$logdir"/*.csv* 2>/dev/null | awk -F, '$4 == "click"' | wc -l)
  rejected=$(cat "$logdir"/*.csv* 2>/dev/null | awk -F, '$4 == "rejected"' | wc -l)
  greqs=$(bench_field "$genuine" requests)
  ROW[$name]=$(printf '| %s | %.0f | %.0f | %s | %s | %s | %s | %s | %s / %s = %s |' "$name" \
    "$(bench_field "$junk" rps)" "$(bench_field "$genuine" rps)" \
    "$(awk -v b="$bytes" -v d="$DURATION" 'BEGIN {printf "%.2f MB/s", b / d / 1e6}')" "$rejected" \
    "$(metric "$metrics" '^proklik_rejected_unlogged_total')" "$(metric "$metrics" '^proklik_rejected_throttled_total')" \
    "$(bench_field "$junk" err_status)" "$clicks" "$greqs" \
    "$(awk -v c="$clicks" -v r="$greqs" 'BEGIN {s = r > 0 ? c / r : 0; if (s > 1) s = 1; printf "%.4f", s}')")
  say "$name: ${ROW[$name]}"
  order+=("$name")
}

OFF=(PROKLIK_REDIRECT_REJECTED_LINES_PER_SECOND=1000000000 PROKLIK_REDIRECT_REJECTED_BYTES_PER_SECOND=1000000000000
  PROKLIK_REDIRECT_REJECTED_PER_CLIENT_PER_SECOND=1000000000 PROKLIK_REDIRECT_REJECTED_RESERVE_FREE=0)
run budget-off "${OFF[@]}"
run defaults PROKLIK_NODE=bench
run per-client-off PROKLIK_REDIRECT_REJECTED_PER_CLIENT_PER_SECOND=1000000000

echo
echo "| run | junk req/s | genuine req/s | click-log bytes/s | rejected lines written | unlogged (counted) | throttled (429) | junk non-3xx seen by wrk | genuine clicks in log / answered = share |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
for n in "${order[@]}"; do echo "${ROW[$n]}"; done
echo
echo "(genuine lines may exceed the answered count by the requests in flight when wrk stopped: the share is capped at 1)"
exit 0
