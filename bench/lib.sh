# shellcheck shell=bash
# Helpers for bench/redirect.sh. Sourced, not run.

say() { printf '%s\n' "bench: $*" >&2; }
die() { printf '%s\n' "bench: ERROR: $*" >&2; exit 2; }

# Installs the Debian packages whose command is missing (apt-get only when something is missing).
# Usage: ensure_packages cmd:package ...
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  say "installing ${missing[*]} from Debian ..."
  "${sudo[@]}" apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

# A TCP port nobody listens on (checked with ss; the servers are started right after).
free_port() {
  local p
  for p in $(shuf -i 20000-45000 -n 200); do
    if ! ss -Htln "sport = :$p" 2>/dev/null | grep -q .; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

# Waits until 127.0.0.1:PORT accepts connections, while PID lives. wait_port PORT PID SECONDS
wait_port() {
  local port=$1 pid=$2 secs=$3 i
  for ((i = 0; i < secs * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# One plain HTTP/1.1 GET without curl; prints the status line and the Location header. probe PORT PATH
probe() {
  local port=$1 path=$2 out
  out=$(
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nUser-Agent: proklik-bench-probe\r\nConnection: close\r\n\r\n' \
      "$path" "$port" >&3
    timeout 5 cat <&3
  ) || return 1
  printf '%s\n' "$out" | tr -d '\r' | awk 'NR == 1 || tolower($1) == "location:"' | paste -sd' '
}

# Peak resident set size of PID in KiB (VmHWM), or 0.
vmhwm_kib() {
  awk '/^VmHWM:/ {print $2; found = 1} END {if (!found) print 0}' "/proc/$1/status" 2>/dev/null || echo 0
}

# Sends SIG to PID and waits up to SECS for it to end, then SIGKILL. stop_pid PID SIG SECS
stop_pid() {
  local pid=$1 sig=$2 secs=$3 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  say "process $pid did not stop after SIG$sig in ${secs}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Value of key=value from a "BENCH k=v k=v" line. bench_field LINE KEY
bench_field() {
  printf '%s\n' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'
}

# Formats microseconds as "0.42 ms".
fmt_ms() { awk -v us="$1" 'BEGIN {printf "%.2f ms", us / 1000}'; }
# Formats KiB as "12.3 MiB".
fmt_mib() { awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}'; }
# a / b with 2 decimals, or "-" when b is 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b + 0 == 0) print "-"; else printf "%.2f", a / b}'; }

# For the profiling scripts: builds Proklik if needed and sets up `work` (a new bench/.run/NAME.XXXXXX) with a key
# ring in work/home (exported as PROKLIK_HOME) and 4000 signed click links to TARGET_URL, one recipient each, in
# work/links.txt. Needs $repo and $here. profile_work_dir NAME
profile_work_dir() {
  "$repo/proklik" --version >/dev/null || die "./proklik could not be built"
  mkdir -p "$repo/bench/.run"
  work=$(mktemp -d "$repo/bench/.run/$1.XXXXXX")
  export PROKLIK_HOME="$work/home"
  TARGET_URL="https://shop.example.com/autumn-sale?utm_source=proklik"
  "$repo/proklik" link --campaign C --recipient R --link l --target "$TARGET_URL" >/dev/null 2>&1 || die "proklik link failed"
  java -cp "$repo/app/target/proklik.jar" "$here/MintLinks.java" "$PROKLIK_HOME/keys" 4000 "$TARGET_URL" \
    "$work/links.txt" || die "minting links failed"
}
