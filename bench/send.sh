#!/usr/bin/env bash
# Send benchmark (issue 16): an end-to-end send of RECIPIENTS personalised messages (20 tracked links each, the
# render benchmark's newsletter) by `proklik campaign send` to a local SMTP sink (Postfix's smtp-sink, installed from
# Debian when missing), throttling off, against the baseline measured in the same run: a bare jakarta.mail loop
# sending one pre-rendered message (the campaign's own preview .eml) RECIPIENTS times over one connection to the
# same sink. Prints messages/s of both, their ratio and each JVM's peak RSS. Target: >= 1,000 msg/s and >= 0.5x.
#
# Usage: bench/send.sh [RECIPIENTS] [CONNECTIONS]      default 100000 4
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
recipients="${1:-100000}"
connections="${2:-4}"

if ! command -v smtp-sink >/dev/null 2>&1; then
  # Postfix asks how to configure itself: it is not configured or started here, only its smtp-sink tool is used.
  if [ "$(id -u)" -eq 0 ]; then
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  else
    echo "postfix postfix/main_mailer_type select No configuration" | sudo debconf-set-selections
  fi
fi
ensure_packages smtp-sink:postfix

# The app and the bench programs, packaged in this tree (no install: ~/.m2 may serve another checkout).
(cd "$repo" && ./mvnw -B -q -ntp -DskipTests package -pl app,bench -am)
cp=("$repo/app/target/proklik.jar:$repo/bench/target/classes")

work=$(mktemp -d /tmp/proklik-send-bench.XXXXXX)
sink_pid=
locked=
cleanup() {
  [ -n "$locked" ] && rmdir /work/bench-quiet.lock.d 2>/dev/null || true
  [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
user=nobody
[ "$(id -u)" -eq 0 ] || user=$(id -un)
# -c: running counters on stdout (sessions, messages); -m: parallel sessions; backlog 1024.
smtp-sink -u "$user" -c -m 64 "127.0.0.1:$port" 1024 > "$work/sink.out" 2>&1 &
sink_pid=$!
wait_port "$port" "$sink_pid" 10 || die "smtp-sink did not start"
sink_count() { tr '\r' '\n' < "$work/sink.out" | awk 'NF { last = $0 } END { print last }'; }

echo "--- setup (not timed against the target)"
java -Xmx1g -cp "${cp[*]}" SendTiming setup "$work/home" "$recipients"
eml="$work/home/preview/C-BENCH-B1.eml"
[ -f "$eml" ] || die "the preview $eml was not written"

# The bench lock (docs: CPU etiquette) for the measured runs only, not for the build and the setup above.
lock=/work/bench-quiet.lock.d
if [ "${BENCH_LOCK:-1}" = 1 ] && [ -d /work ]; then
  until mkdir "$lock" 2>/dev/null; do sleep 2; done
  locked=1
fi
echo "load before: $(uptime)"

echo "--- baseline: bare jakarta.mail, one pre-rendered message, one connection"
java -Xmx512m -cp "${cp[*]}" SendTiming baseline "$eml" 127.0.0.1 "$port" "$recipients" | tee "$work/baseline.out"
echo "sink after baseline: $(sink_count)"

echo "--- engine: proklik campaign send, throttling off, $connections connections"
# Each line of the send's output with the time it came (the list and queueing before the first hand-off show).
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%T.%3N)" "$line"; done; }
if java -Xmx1g -cp "${cp[*]}" SendTiming engine "$work/home" 127.0.0.1 "$port" "$connections" | stamp | tee "$work/engine.out"; then
  echo "sink after engine: $(sink_count)"
  base=$(awk '/^RESULT baseline/ { for (i = 1; i <= NF; i++) if ($i ~ /^per_s=/) print substr($i, 7) }' "$work/baseline.out")
  rate=$(awk '/ RESULT engine/ { for (i = 1; i <= NF; i++) if ($i ~ /^per_s=/) print substr($i, 7) }' "$work/engine.out")
  awk -v r="$rate" -v b="$base" -v n="$recipients" \
    'BEGIN { printf "RESULT send recipients=%d engine_per_s=%.0f baseline_per_s=%.0f ratio=%.2f\n", n, r, b, r / b }'
  echo "--- what the durable 'handing over' mark costs on this database (CHECKPOINT per commit)"
  java -Xmx512m -cp "${cp[*]}" SendTiming flush "$work/home" 2000
else
  echo "RESULT send: the engine run failed (see above); baseline only"
fi
echo "load after: $(uptime)"
