-- wrk script for bench/junk-flood.sh: every request a different forged click link (well-formed, so it costs the
-- server a full HMAC check, and BAD_SIGNATURE), with a 512-character User-Agent, so that each rejected line is
-- as long as the click log lets it be. done() prints the same BENCH line as wrk-links.lua (429s count as
-- err_status; the server's /metrics says how many).
local reqs, n, i = {}, 4096, 0
local host = "click.proklik.example"
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

local function random_text(len)
  local t = {}
  for k = 1, len do
    local c = math.random(#alphabet)
    t[k] = alphabet:sub(c, c)
  end
  return table.concat(t)
end

function init(args)
  local ua = "Mozilla/5.0 (junk-flood) " .. string.rep("x", 487)
  for k = 1, n do
    reqs[k] = wrk.format("GET", "/c/1.k1." .. random_text(120) .. "." .. random_text(22),
      { ["Host"] = host, ["User-Agent"] = ua })
  end
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
