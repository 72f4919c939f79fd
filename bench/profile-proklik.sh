#!/usr/bin/env bash
# Profiles `./proklik serve` under the bench load with JFR (async-profiler is not available here): same pinning
# and wrk load as bench/redirect.sh, then prints the hottest methods (top frame and inclusive), GC pauses and the
# per-thread CPU split. Usage: bench/profile-proklik.sh [--fsync|--no-fsync]   (JFR file kept in the work dir)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
. "$here/lib.sh"
fsync=${1:---fsync}
WARMUP=${BENCH_WARMUP:-10} DURATION=${BENCH_DURATION:-15} CONNS=${BENCH_CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-1} WRK_CPU=${WRK_CPU:-0}
JAVA_OPTS=${PROKLIK_JAVA_OPTS:-"-Xms128m -Xmx128m -XX:+UseSerialGC -XX:-AlwaysPreTouch -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=48m -Xss512k"}
ensure_packages wrk:wrk taskset:util-linux ss:iproute2
profile_work_dir profile
pid=
trap '[ -n "$pid" ] && stop_pid "$pid" KILL 5; say "work dir: $work"' EXIT
port=$(free_port)
jfr="$work/proklik.jfr"
# The recording starts with the measured run (delay = warm-up + JVM start), so JIT warm-up is not in it.
PROKLIK_JAVA_OPTS="$JAVA_OPTS -XX:StartFlightRecording=delay=$((WARMUP + 3))s,duration=${DURATION}s,settings=profile,filename=$jfr" \
  taskset -c "$SERVER_CPU" "$repo/proklik" serve --host 127.0.0.1 --port "$port" --log-dir "$work/log" --node bench \
  --io-threads "${PROKLIK_IO_THREADS:-1}" "$fsync" >"$work/serve.out" 2>&1 &
pid=$!
wait_port "$port" "$pid" 60 || die "proklik did not start"
sleep 2
wrk=(taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" --latency -s "$here/wrk-links.lua" "http://127.0.0.1:$port")
"${wrk[@]}" -d"${WARMUP}s" -- "$work/links.txt" | grep '^BENCH'
"${wrk[@]}" -d"$((DURATION + 2))s" -- "$work/links.txt" | grep '^BENCH'
sleep 2
stop_pid "$pid" TERM 30
pid=
[ -s "$jfr" ] || die "no JFR file"
jfr print --json --events jdk.ExecutionSample "$jfr" >"$work/samples.json"
jfr print --json --events jdk.GarbageCollection "$jfr" >"$work/gc.json"
python3 - "$work/samples.json" "$work/gc.json" <<'PY'
import json, sys, collections
ev = json.load(open(sys.argv[1]))["recording"]["events"]
top, incl, thr = collections.Counter(), collections.Counter(), collections.Counter()
for e in ev:
    v = e["values"]
    frames = v["stackTrace"]["frames"]
    names = [f["method"]["type"]["name"].split(".")[-1] + "." + f["method"]["name"] for f in frames]
    thr[v["sampledThread"]["javaName"]] += 1
    if names: top[names[0]] += 1
    for n in set(names): incl[n] += 1
n = len(ev) or 1
print(f"JFR execution samples: {len(ev)}")
print("by thread:", ", ".join(f"{k} {100*c/n:.0f}%" for k, c in thr.most_common(5)))
print("\ntop frames (self):")
for k, c in top.most_common(25): print(f"  {100*c/n:5.1f}%  {k}")
print("\ninclusive (method on the stack):")
for k, c in incl.most_common(45): print(f"  {100*c/n:5.1f}%  {k}")
gc = json.load(open(sys.argv[2]))["recording"]["events"]
def ms(d):
    # JFR JSON durations look like "PT0.001234S"
    return float(d.strip("PTS")) * 1000 if d.startswith("PT") else 0.0
p = [ms(e["values"]["duration"]) for e in gc]
if p: print(f"\nGC: {len(p)} collections, total {sum(p):.0f} ms, max {max(p):.1f} ms")
PY
