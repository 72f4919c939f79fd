#!/usr/bin/env bash
# fdatasync latency of the disk under DIR (default: bench/.run): 2000 appends of 9.6 KB (a 32-event batch), each
# followed by fdatasync, the same pattern as one click-log group commit. Prints p50/p90/p99/max.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir=${1:-$here/.run}
mkdir -p "$dir"
python3 - "$dir" <<'PY'
import os, sys, time
path = os.path.join(sys.argv[1], "fsync-latency.bin")
fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o644)
ts = []
try:
    for _ in range(2000):
        os.write(fd, b"x" * 300 * 32)
        t = time.perf_counter(); os.fdatasync(fd); ts.append(time.perf_counter() - t)
finally:
    os.close(fd); os.unlink(path)
ts.sort()
q = lambda p: ts[min(len(ts) - 1, int(len(ts) * p))] * 1e3
print(f"fdatasync n={len(ts)} p50={q(.5):.3f}ms p90={q(.9):.3f}ms p99={q(.99):.3f}ms max={ts[-1]*1e3:.3f}ms")
PY
