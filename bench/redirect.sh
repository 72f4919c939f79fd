#!/usr/bin/env bash
# Redirect-page benchmark: Proklik (`./proklik serve`, fsync on and off) against nginx doing a bare `return 302`
# with a buffered access log, one after the other, same pinning (server on one CPU, wrk on another), same wrk
# load (1 thread, 64 connections, warm-up, then a measured run), every request a different signed link.
#
# Prints req/s, p50, p99, peak RSS, the ratios to nginx and PASS/FAIL per target, and checks that the click log
# holds one line per answered request. Exit 0 when the bench ran (targets missed or not), non-zero when it could
# not run. See bench/RESULTS.md for figures.
#
# Knobs (environment):
#   BENCH_WARMUP=10 BENCH_DURATION=15   seconds of warm-up and of the measured run (per server)
#   BENCH_CONNECTIONS=64                wrk connections (wrk always uses 1 thread)
#   BENCH_LINKS=4000                    distinct signed links (one recipient each) wrk cycles through
#   SERVER_CPU=1 WRK_CPU=0              taskset CPUs
#   PROKLIK_IO_THREADS=1                Undertow IO threads for the headline runs
#   PROKLIK_JAVA_OPTS                   JVM options (default below)
#   BENCH_ALSO_IO2=1                    also run Proklik fsync on with --io-threads 2 (same pinning)
#   BENCH_WORK_DIR                      where keys, click logs and nginx's prefix go (default: bench/.run/<tmp>,
#                                       i.e. on the repo's disk, so fsync means what it means there)
#   BENCH_KEEP=1                        keep the work dir
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

WARMUP=${BENCH_WARMUP:-10}
DURATION=${BENCH_DURATION:-15}
CONNS=${BENCH_CONNECTIONS:-64}
NLINKS=${BENCH_LINKS:-4000}
SERVER_CPU=${SERVER_CPU:-1}
WRK_CPU=${WRK_CPU:-0}
IO_THREADS=${PROKLIK_IO_THREADS:-1}
JAVA_OPTS_DEFAULT="-Xms128m -Xmx128m -XX:+UseSerialGC -XX:-AlwaysPreTouch -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=48m -Xss512k"
JAVA_OPTS=${PROKLIK_JAVA_OPTS:-$JAVA_OPTS_DEFAULT}
TARGET_URL="https://shop.example.com/autumn-sale?utm_source=proklik"

[ "$DURATION" -ge 15 ] || say "warning: BENCH_DURATION=$DURATION is below the 15 s the spec asks for"

# ---------------------------------------------------------------------------------------------------- set-up
ensure_packages wrk:wrk nginx:nginx taskset:util-linux ss:iproute2 shuf:coreutils
command -v java >/dev/null 2>&1 || die "no java on PATH (a JDK 17+ is needed to build and run Proklik)"
ncpu=$(nproc)
if [ "$ncpu" -lt 2 ]; then
  say "warning: only $ncpu CPU; server and wrk share CPU 0"
  SERVER_CPU=0 WRK_CPU=0
fi

say "building Proklik if needed ..."
"$repo/proklik" --version >/dev/null || die "./proklik could not be built"

if [ -n "${BENCH_WORK_DIR:-}" ]; then
  work=$BENCH_WORK_DIR
  mkdir -p "$work"
else
  mkdir -p "$repo/bench/.run"
  work=$(mktemp -d "$repo/bench/.run/bench.XXXXXX")
fi

pids=()
cleanup() {
  local rc=$? pid
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null && { kill -TERM "$pid" 2>/dev/null; sleep 1; kill -KILL "$pid" 2>/dev/null; }
  done
  wait 2>/dev/null || true
  if [ "${BENCH_KEEP:-0}" = 1 ]; then say "work dir kept: $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export PROKLIK_HOME="$work/home"
mkdir -p "$PROKLIK_HOME"
# One link through the official CLI (this also creates the bench's own key ring in the work dir) ...
cli_link=$("$repo/proklik" link --campaign C2026-11 --recipient R099999 --link hero --variant A \
  --target "$TARGET_URL" --base-url http://127.0.0.1:1 2>/dev/null) || die "proklik link failed"
# ... and the other N-1 with the same LinkCodec, without one JVM start each.
java -cp "$repo/app/target/proklik.jar" "$here/MintLinks.java" "$PROKLIK_HOME/keys" "$((NLINKS - 1))" \
  "$TARGET_URL" "$work/links.tmp" || die "minting links failed"
{ echo "/${cli_link#http://127.0.0.1:1/}"; cat "$work/links.tmp"; } >"$work/links.txt"
rm -f "$work/links.tmp"
probe_path=$(head -1 "$work/links.txt")

fs_type=$(df --output=fstype "$work" | tail -1)
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
[ "$fs_type" = tmpfs ] && say "warning: the click log is on tmpfs: fsync costs nothing there"

cat >&2 <<EOF
bench: date        $(date -u +%Y-%m-%dT%H:%M:%SZ)
bench: machine     nproc=$ncpu, CPU "$cpu_model", kernel $(uname -r), $(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}')
bench: log dir     $work (fs $fs_type)
bench: versions    $(java -version 2>&1 | head -1); $(nginx -v 2>&1); $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')
bench: load        wrk -t1 -c$CONNS, ${WARMUP}s warm-up + ${DURATION}s measured, $NLINKS distinct signed links
bench: pinning     server taskset -c $SERVER_CPU, wrk taskset -c $WRK_CPU
bench: proklik     --io-threads $IO_THREADS, PROKLIK_JAVA_OPTS="$JAVA_OPTS"
EOF

# ------------------------------------------------------------------------------------------------- measuring
declare -A RPS P50 P99 RSS REQS LINES CHECK CPU_SRV CPU_WRK ERRS NOTE PROC_CPU OTHER
order=()

# "busy idle" jiffies of one CPU from /proc/stat (iowait counts as idle).
cpu_jiffies() {
  awk -v c="cpu$1" '$1 == c {busy = $2 + $3 + $4 + $7 + $8 + $9; idle = $5 + $6; print busy, idle}' /proc/stat
}
busy_pct() { # before after
  awk -v b="$1" -v a="$2" 'BEGIN {split(b, x, " "); split(a, y, " "); db = y[1] - x[1]; di = y[2] - x[2];
    if (db + di == 0) print 0; else printf "%.0f", 100 * db / (db + di)}'
}

# Per-thread CPU ticks and context switches of a process: "tid name utime stime ctxsw" lines.
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    [ -r "$t/stat" ] || continue
    printf '%s %s %s %s\n' "${t##*/}" "$(tr ' ' '_' <"$t/comm")" "$(sed 's/.*) //' "$t/stat" | awk '{print $12, $13}')" \
      "$(awk '/ctxt_switches/ {s += $2} END {print s + 0}' "$t/status")"
  done 2>/dev/null
}

# Other engineers' builds share this machine: before each server, wait (up to BENCH_QUIET_WAIT s) until both CPUs
# are idle enough over 1 s, and record how busy they were, so a noisy figure is visible as such.
wait_quiet() {
  local name=$1 limit=${BENCH_QUIET_WAIT:-10} i b0 b1 a0 a1 busy
  for ((i = 0; i <= limit; i++)); do
    b0=$(cpu_jiffies "$SERVER_CPU"); b1=$(cpu_jiffies "$WRK_CPU"); sleep 1
    a0=$(cpu_jiffies "$SERVER_CPU"); a1=$(cpu_jiffies "$WRK_CPU")
    busy=$(( $(busy_pct "$b0" "$a0") + $(busy_pct "$b1" "$a1") ))
    [ "$busy" -le 20 ] && break
  done
  OTHER[$name]=$busy
  [ "$busy" -le 20 ] || say "$name: warning: the machine is busy with other work (${busy}% of 200% CPU before the run)"
}

# Runs warm-up and measured wrk against PORT, fills the arrays for NAME. run_wrk NAME PORT SERVER_PID
run_wrk() {
  local name=$1 port=$2 spid=$3 out line before_s before_w after_s after_w
  local wrk=(taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" --latency --timeout 5s -s "$here/wrk-links.lua")
  say "$name: warm-up ${WARMUP}s ..."
  out=$("${wrk[@]}" -d"${WARMUP}s" "http://127.0.0.1:$port" -- "$work/links.txt") || die "$name: wrk warm-up failed"
  line=$(printf '%s\n' "$out" | grep '^BENCH ') || die "$name: no result from wrk warm-up"
  local warm_reqs
  warm_reqs=$(bench_field "$line" requests)
  thread_ticks "$spid" >"$work/$name.threads.before"
  before_s=$(cpu_jiffies "$SERVER_CPU"); before_w=$(cpu_jiffies "$WRK_CPU")
  say "$name: measuring ${DURATION}s ..."
  out=$("${wrk[@]}" -d"${DURATION}s" "http://127.0.0.1:$port" -- "$work/links.txt") || die "$name: wrk failed"
  after_s=$(cpu_jiffies "$SERVER_CPU"); after_w=$(cpu_jiffies "$WRK_CPU")
  thread_ticks "$spid" >"$work/$name.threads.after"
  printf '%s\n' "$out" >"$work/$name.wrk.txt"
  PROC_CPU[$name]=$(join <(sort "$work/$name.threads.before") <(sort "$work/$name.threads.after") 2>/dev/null \
    | awk -v d="$DURATION" '{t += ($7 + $8) - ($3 + $4)} END {printf "%.0f", t / d}')
  line=$(printf '%s\n' "$out" | grep '^BENCH ') || die "$name: no result from wrk"
  RPS[$name]=$(bench_field "$line" rps)
  P50[$name]=$(bench_field "$line" p50_us)
  P99[$name]=$(bench_field "$line" p99_us)
  MEAS_REQS=$(bench_field "$line" requests)
  REQS[$name]=$((warm_reqs + MEAS_REQS))
  ERRS[$name]=$(($(bench_field "$line" err_connect) + $(bench_field "$line" err_read) + $(bench_field "$line" err_write) \
    + $(bench_field "$line" err_status) + $(bench_field "$line" err_timeout)))
  CPU_SRV[$name]=$(busy_pct "$before_s" "$after_s")
  CPU_WRK[$name]=$(busy_pct "$before_w" "$after_w")
  say "$name: $(printf '%s\n' "$out" | grep -E 'Requests/sec|Latency  ' | tr -s ' ' | paste -sd';')"
}

# Top threads by CPU during the measured run (from the before/after snapshots): "name total% (user/sys, context
# switches per request)". Ticks are 1/100 s.
thread_report() {
  local name=$1
  join <(sort "$work/$name.threads.before") <(sort "$work/$name.threads.after") 2>/dev/null \
    | awk -v d="$DURATION" -v r="$3" '{u = $7 - $3; s = $8 - $4; c = $9 - $5; if (u + s > 0) {U[$2] += u; S[$2] += s; C[$2] += c}}
        END {for (k in U) printf "%.0f %s %.0f%% (user %.0f%%, sys %.0f%%, %.2f ctx-sw/req)\n", U[k] + S[k], k,
          (U[k] + S[k]) / d, U[k] / d, S[k] / d, C[k] / r}' \
    | sort -rn | head -"${2:-5}" | cut -d' ' -f2- | paste -sd';' | sed 's/;/; /g'
}

# Lines == requests check. check_lines NAME LINES
check_lines() {
  local name=$1 lines=$2 expected diff
  expected=$((REQS[$name] + 1)) # + the probe
  diff=$((lines - expected))
  LINES[$name]=$lines
  # wrk stops with up to CONNS requests in flight after each of its 2 runs: the server logs those, wrk never counts them.
  if [ "$diff" -ge 0 ] && [ "$diff" -le $((2 * CONNS)) ]; then
    CHECK[$name]="OK ($lines lines = $expected answered + $diff in flight at wrk stop)"
  else
    CHECK[$name]="MISMATCH ($lines lines vs $expected answered, diff $diff)"
  fi
  say "$name: log check ${CHECK[$name]}"
}

bench_nginx() {
  local name=nginx prefix=$work/nginx port mpid wpid i status
  mkdir -p "$prefix"
  wait_quiet "$name"
  port=$(free_port)
  sed -e "s|@PORT@|$port|g" -e "s|@PREFIX@|$prefix|g" -e "s|@TARGET@|$TARGET_URL|g" \
    "$here/nginx/redirect.conf" >"$prefix/nginx.conf"
  nginx -t -q -p "$prefix" -e "$prefix/error.log" -c "$prefix/nginx.conf" || die "nginx config test failed"
  say "$name: starting on port $port (CPU $SERVER_CPU)"
  taskset -c "$SERVER_CPU" nginx -p "$prefix" -e "$prefix/error.log" -c "$prefix/nginx.conf" &
  mpid=$!
  pids+=("$mpid")
  wait_port "$port" "$mpid" 20 || die "nginx did not start: $(tail -5 "$prefix/error.log" 2>/dev/null)"
  for i in 1 2 3 4 5 6 7 8 9 10; do
    wpid=$(pgrep -P "$mpid" | head -1) && [ -n "$wpid" ] && break
    sleep 0.2
  done
  [ -n "${wpid:-}" ] || die "nginx worker not found"
  status=$(probe "$port" "$probe_path") || die "nginx probe failed"
  say "$name: probe: $status"
  run_wrk "$name" "$port" "$wpid"
  RSS[$name]=$(vmhwm_kib "$wpid")
  NOTE[$name]="worker: $(thread_report "$name" 1 "$MEAS_REQS")"
  stop_pid "$mpid" QUIT 20 # graceful: flushes the access-log buffer
  local lines bad
  lines=$(wc -l <"$prefix/access.log")
  bad=$(awk -F, '$NF != 302' "$prefix/access.log" | wc -l)
  [ "$bad" -eq 0 ] || say "$name: $bad access-log lines with a status other than 302"
  check_lines "$name" "$lines"
}

# bench_proklik NAME --fsync|--no-fsync IO_THREADS
bench_proklik() {
  local name=$1 fsync=$2 io=$3 port pid status logdir=$work/log-$1
  wait_quiet "$name"
  port=$(free_port)
  say "$name: starting ./proklik serve $fsync --io-threads $io on port $port (CPU $SERVER_CPU)"
  PROKLIK_JAVA_OPTS="$JAVA_OPTS" taskset -c "$SERVER_CPU" "$repo/proklik" serve --host 127.0.0.1 --port "$port" \
    --log-dir "$logdir" --node bench --io-threads "$io" "$fsync" >"$work/$name.out" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_port "$port" "$pid" 60 || die "$name did not start: $(tail -20 "$work/$name.out")"
  status=$(probe "$port" "$probe_path") || die "$name probe failed"
  say "$name: probe: $status"
  case "$status" in *" 302 "*"$TARGET_URL"*) ;; *) die "$name: the probe link did not redirect to the target" ;; esac
  run_wrk "$name" "$port" "$pid"
  RSS[$name]=$(vmhwm_kib "$pid")
  NOTE[$name]="threads: $(thread_report "$name" 3 "$MEAS_REQS")"
  stop_pid "$pid" TERM 30 # orderly: final fsync, .open renamed to .csv
  local lines rejected
  # Data lines of every file (a header line starts with the format name); column 4 is the event type.
  lines=$(cat "$logdir"/*.csv* 2>/dev/null | awk -F, '$1 != "proklik-clicklog-v1" && $4 == "click"' | wc -l)
  rejected=$(cat "$logdir"/*.csv* 2>/dev/null | awk -F, '$4 == "rejected"' | wc -l)
  [ "$rejected" -eq 0 ] || say "$name: $rejected rejected lines in the click log!"
  NOTE[$name]+="; files: $(find "$logdir" -type f | wc -l)"
  check_lines "$name" "$lines"
}

bench_nginx;                                              order+=(nginx)
bench_proklik proklik-fsync --fsync "$IO_THREADS";        order+=(proklik-fsync)
bench_proklik proklik-nofsync --no-fsync "$IO_THREADS";   order+=(proklik-nofsync)
if [ "${BENCH_ALSO_IO2:-0}" = 1 ]; then
  bench_proklik proklik-fsync-io2 --fsync 2;              order+=(proklik-fsync-io2)
fi

# ----------------------------------------------------------------------------------------------------- report
label() {
  case $1 in
    nginx) echo "nginx 1 worker, return 302, access_log buffer=64k" ;;
    proklik-fsync) echo "Proklik fsync on, io-threads $IO_THREADS" ;;
    proklik-nofsync) echo "Proklik fsync off, io-threads $IO_THREADS" ;;
    proklik-fsync-io2) echo "Proklik fsync on, io-threads 2" ;;
  esac
}
echo
echo "| server | req/s | p50 | p99 | peak RSS | req/s vs nginx | p99 vs nginx | server process CPU | req per server CPU-s | CPU $SERVER_CPU / CPU $WRK_CPU busy | other load before | errors | log lines = requests |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for n in "${order[@]}"; do
  printf '| %s | %.0f | %s | %s | %s | %s× | %s× | %s%% | %s | %s%% / %s%% | %s%% busy | %s | %s |\n' "$(label "$n")" "${RPS[$n]}" \
    "$(fmt_ms "${P50[$n]}")" "$(fmt_ms "${P99[$n]}")" "$(fmt_mib "${RSS[$n]}")" \
    "$(ratio "${RPS[$n]}" "${RPS[nginx]}")" "$(ratio "${P99[$n]}" "${P99[nginx]}")" \
    "${PROC_CPU[$n]}" "$(awk -v r="${RPS[$n]}" -v c="${PROC_CPU[$n]}" 'BEGIN {if (c > 0) printf "%.0f", r * 100 / c; else print "-"}')" "${CPU_SRV[$n]}" "${CPU_WRK[$n]}" "${OTHER[$n]}" "${ERRS[$n]}" "${CHECK[$n]}"
done
echo
for n in "${order[@]}"; do echo "- $(label "$n"): ${NOTE[$n]}"; done
echo

verdict() { if [ "$1" = 1 ]; then echo PASS; else echo FAIL; fi; }
f=proklik-fsync
rps_ratio=$(ratio "${RPS[$f]}" "${RPS[nginx]}")
p99_ratio=$(ratio "${P99[$f]}" "${P99[nginx]}")
echo "Targets (Proklik fsync on vs nginx, pinned 1:1):"
echo "- req/s >= 0.8x nginx:  $(verdict "$(awk -v r="$rps_ratio" 'BEGIN {print (r >= 0.8)}')") (${rps_ratio}x)"
echo "- p99 <= 2x nginx:      $(verdict "$(awk -v r="$p99_ratio" 'BEGIN {print (r <= 2.0)}')") (${p99_ratio}x)"
echo "- peak RSS < 256 MiB:   $(verdict "$(awk -v k="${RSS[$f]}" 'BEGIN {print (k < 256 * 1024)}')") ($(fmt_mib "${RSS[$f]}"))"
echo "- stretch, past nginx:  $(verdict "$(awk -v r="$rps_ratio" 'BEGIN {print (r > 1.0)}')") (${rps_ratio}x)"
all_ok=1
for n in "${order[@]}"; do case "${CHECK[$n]}" in OK*) ;; *) all_ok=0 ;; esac; done
echo "- log lines = requests: $(verdict "$all_ok")"
noisy=
for n in "${order[@]}"; do
  # Before the run, or during it: CPU busy beyond what the server process itself used (softirq aside).
  [ "${OTHER[$n]}" -le 20 ] && [ $((CPU_SRV[$n] - PROC_CPU[$n])) -le 25 ] || noisy+=" $n"
done
[ -z "$noisy" ] || echo "NOTE: other work was using the CPUs before:$noisy — their req/s and latency are not comparable;" \
  "'req per server CPU-s' (throughput per CPU-second the server itself used) holds up better under contention."
exit 0
