-- wrk script: every request is a different pre-minted signed link (round robin over the file given as the first
-- script argument), with a browser-like User-Agent and the Host header a mail client's click sends (the tracking
-- domain; wrk would send 127.0.0.1:PORT, which Undertow's mandatory Host check runs through its IPv4 regex - ~7 % of
-- Proklik's Java time in a profile, a cost no real click has). The requests are formatted once in init(), so wrk
-- spends no time building them. done() prints one machine-readable line for bench/redirect.sh.
local reqs, n, i = {}, 0, 0
local host = "click.proklik.example"
local ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 proklik-bench"

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      n = n + 1
      reqs[n] = wrk.format("GET", line, { ["Host"] = host, ["User-Agent"] = ua })
    end
  end
  if n == 0 then error("no links in " .. tostring(args[1])) end
  i = math.random(n) - 1
end

function request()
  i = i % n + 1
  return reqs[i]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
