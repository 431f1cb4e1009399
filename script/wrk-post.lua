-- wrk script for script/bench: every request POSTs the bytes of one file
-- (arguments after "--": the file, its Content-Type), and the result is
-- wrk-report.lua's RESULT line: requests/s p50 p95 p99 (milliseconds)
-- errors, socket errors, answers >= 400.
local body, ctype

function init(args)
  local f = assert(io.open(args[1], "rb"))
  body = f:read("*a")
  f:close()
  ctype = args[2]
end

function request()
  return wrk.format("POST", nil, {["Content-Type"] = ctype}, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    socket + e.status, socket, e.status))
end
