#!/usr/bin/env bash
# fdatasync cost of the disk under DIR (default: bench/.run), the way a click-log group commit pays it: 3000 writes
# of 11 KB (a ~47-event batch, what bench/redirect.sh's load makes), each followed by fdatasync,
#   (a) appending to a new, growing file (the file's size changes, so fdatasync also writes the inode), and
#   (b) overwriting a file zero-filled and fsynced beforehand (the click log's spare files: only the data is written).
# Prints wall p50/p90/p99 and CPU per fdatasync for both, and the ratios (b)/(a). Runs (a) and (b) twice, alternating.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir=${1:-$here/.run}
mkdir -p "$dir"
python3 - "$dir" <<'PY'
import os, sys, time

N, SIZE = 3000, 11 * 1024
batch = (b"x" * 233 + b"\r\n") * (SIZE // 235) + b"x" * (SIZE % 235)

def run(mode):
    path = os.path.join(sys.argv[1], f"fsync-latency-{mode}.bin")
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o644)
    try:
        if mode == "overwrite":
            zeros = bytes(1 << 20)
            for _ in range((N * SIZE >> 20) + 1):
                os.write(fd, zeros)
            os.fsync(fd)
        ts, at = [], 0
        cpu0, wall0 = time.thread_time(), time.perf_counter()
        for _ in range(N):
            os.pwrite(fd, batch, at)
            at += len(batch)
            t = time.perf_counter(); os.fdatasync(fd); ts.append(time.perf_counter() - t)
        cpu = (time.thread_time() - cpu0) / N * 1e6
    finally:
        os.close(fd); os.unlink(path)
    ts.sort()
    q = lambda p: ts[min(len(ts) - 1, int(len(ts) * p))] * 1e6
    return {"p50": q(.5), "p90": q(.9), "p99": q(.99), "cpu": cpu}

results = {"append": [], "overwrite": []}
for _ in range(2):
    for mode in ("append", "overwrite"):
        r = run(mode)
        results[mode].append(r)
        print(f"{mode:9s} write {SIZE // 1024} KB + fdatasync, n={N}: p50 {r['p50']:6.0f} us  p90 {r['p90']:6.0f} us  "
              f"p99 {r['p99']:6.0f} us  CPU {r['cpu']:5.1f} us per commit")
med = lambda mode, k: sorted(r[k] for r in results[mode])[0]  # the better of the two runs of each
for k in ("p50", "p99", "cpu"):
    print(f"overwrite / append, {k} (best of 2 each): {med('overwrite', k) / med('append', k):.2f}")
PY
