#!/usr/bin/env bash
# Where the redirect page's time goes, kernel included: `./proklik serve` under the bench load (same pinning and wrk
# load as bench/redirect.sh), sampled by `perf record` (cpu-clock, call graphs; Java frames named through the JVM's
# perf map), then every sample put in one bucket by what its stack is doing. Prints the buckets as a share of the
# server's CPU samples and as µs per request, so the per-request budget can be set against nginx's (bench/RESULTS.md).
# perf sees only compiled methods, not what the JIT inlined into them: a Java method inlined into its caller counts
# in the caller's bucket, so the split between Java buckets moves with JIT decisions; kernel buckets and the total
# are exact to the sampling.
# Usage: bench/perf-proklik.sh [--fsync|--no-fsync|nginx]   (nginx: the same for bench/redirect.sh's nginx worker)
# Needs perf (Debian: linux-perf) and root or perf_event_paranoid <= 1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
. "$here/lib.sh"
fsync=${1:---fsync}
WARMUP=${BENCH_WARMUP:-10} DURATION=${BENCH_DURATION:-10} CONNS=${BENCH_CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-1} WRK_CPU=${WRK_CPU:-0}
ensure_packages wrk:wrk taskset:util-linux ss:iproute2 perf:linux-perf nginx:nginx
profile_work_dir perf
pid=
trap '[ -n "$pid" ] && stop_pid "$pid" KILL 5; [ "${BENCH_KEEP:-0}" = 1 ] && say "work dir: $work" || rm -rf "$work"' EXIT
port=$(free_port)
if [ "$fsync" = nginx ]; then
  mkdir -p "$work/nginx"
  sed -e "s|@PORT@|$port|g" -e "s|@PREFIX@|$work/nginx|g" -e "s|@TARGET@|$TARGET_URL|g" \
    "$here/nginx/redirect.conf" >"$work/nginx/nginx.conf"
  taskset -c "$SERVER_CPU" nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
  pid=$!
  wait_port "$port" "$pid" 20 || die "nginx did not start"
  sleep 0.5
  jpid=$(pgrep -P "$pid" | head -1)
else
# DumpPerfMapAtExit writes /tmp/perf-<pid>.map, which perf uses to name JIT-compiled Java frames.
PROKLIK_JAVA_OPTS="-Xms128m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=48m -Xss512k \
-XX:+PreserveFramePointer -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit" \
  taskset -c "$SERVER_CPU" "$repo/proklik" serve --host 127.0.0.1 --port "$port" --log-dir "$work/log" --node bench \
  --io-threads 1 "$fsync" >"$work/serve.out" 2>&1 &
pid=$!
wait_port "$port" "$pid" 60 || die "proklik did not start"
jpid=$(pgrep -P "$pid" java || echo "$pid")
[ "$(cat /proc/"$jpid"/comm)" = java ] || jpid=$(pgrep -f "serve --host 127.0.0.1 --port $port" | while read -r p; do
  [ "$(cat /proc/"$p"/comm)" = java ] && echo "$p"; done | head -1)
fi
wrk=(taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" --latency -s "$here/wrk-links.lua" "http://127.0.0.1:$port")
"${wrk[@]}" -d"${WARMUP}s" -- "$work/links.txt" >/dev/null
( sleep 1; perf record -F 2999 -e cpu-clock -g -p "$jpid" -o "$work/perf.data" -- sleep "$((DURATION - 2))" ) >/dev/null 2>&1 &
perfpid=$!
line=$("${wrk[@]}" -d"${DURATION}s" -- "$work/links.txt" | grep '^BENCH')
wait "$perfpid" || true
stop_pid "$pid" TERM 30
pid=
rps=$(bench_field "$line" rps)
say "load: $line"
perf script -i "$work/perf.data" 2>/dev/null >"$work/stacks.txt"
python3 - "$work/stacks.txt" "$rps" "$((DURATION - 2))" <<'PY'
import collections, re, sys
samples, cur = [], []
for line in open(sys.argv[1], errors="replace"):
    line = line.rstrip("\n")
    if not line.strip():
        if cur: samples.append(" | ".join(cur))
        cur = []
    elif line[0] in " \t":
        parts = line.strip().split(" ", 1)
        cur.append(parts[1] if len(parts) > 1 else parts[0])
if cur: samples.append(" | ".join(cur))
# First rule that matches wins; stacks are leaf first.
rules = [
    ("click log: fdatasync (kernel)", r"__x64_sys_fdatasync"),
    ("click log: write (kernel)", r"ClickLogWriter.*(vfs_write|ksys_write)|(vfs_write|ksys_write).*ClickLogWriter"),
    ("click log: encode, CRC (Java)", r"ClickLogWriter|LineEncoder|ClickLogFormat"),
    ("spare file zero-fill", r"SpareFile"),
    ("socket write + loopback delivery (kernel)", r"sock_write_iter|tcp_sendmsg"),
    ("socket read (kernel)", r"sock_read_iter|tcp_recvmsg"),
    ("epoll (kernel)", r"epoll_wait|epoll_ctl"),
    ("Undertow: request parsing", r"RequestParser"),
    ("link verification (HMAC, fields)", r"LinkCodec|LinkFieldRules|TrackingLink"),
    ("event building, client address", r"TrackingEvent|EventIds|ClientAddressResolver"),
    ("Undertow: response, exchange", r"HttpResponseConduit|endExchange|HttpServerExchange|Responses"),
    ("metrics", r"RedirectMetrics|micrometer"),
    ("GC, VM thread", r"VMThread|GCTaskThread|G1|Serial|GenCollect"),
    ("JIT compiler", r"CompileBroker|C2Compiler|C1Compiler"),
    ("other kernel", r"do_syscall_64|entry_SYSCALL|\[kernel"),
]
counts = collections.Counter()
for s in samples:
    for name, rx in rules:
        if re.search(rx, s):
            counts[name] += 1
            break
    else:
        counts["other (Undertow/XNIO loop, JVM)"] += 1
n = len(samples) or 1
rps, secs = float(sys.argv[2]), float(sys.argv[3])
cpu_s = n / 2999.0  # cpu-clock samples at 2999 Hz over the recorded seconds
print(f"\nperf samples: {n} over {secs:.0f} s = {cpu_s / secs * 100:.0f}% of one CPU; {rps:.0f} req/s")
print(f"server CPU per request: {cpu_s / secs / rps * 1e6:.2f} µs; wall per request at this rate: {1e6 / rps:.2f} µs\n")
print(f"| {'where':44s} | share | µs/request |\n|{'-' * 46}|------:|-----------:|")
for name, c in counts.most_common():
    print(f"| {name:44s} | {100 * c / n:4.1f}% | {cpu_s / secs / rps * 1e6 * c / n:10.2f} |")
PY
