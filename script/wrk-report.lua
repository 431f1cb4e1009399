-- wrk script for script/bench: requests rotate over the paths given after
-- "--" (or the URL's own path); or, when the arguments are "--post" FILE
-- CONTENT-TYPE, every request POSTs the bytes of that file.  The result is
-- one line: RESULT requests/s p50 p95 p99 (milliseconds) errors, then the
-- errors split into socket errors (connect, read, write, timeout) and
-- answers >= 400.
local paths = {}
local n = 0
local body, ctype

function init(args)
  if args[1] == "--post" then
    local f = assert(io.open(args[2], "rb"))
    body = f:read("*a")
    f:close()
    ctype = args[3]
    return
  end
  for _, a in ipairs(args) do paths[#paths + 1] = a end
end

function request()
  if body then return wrk.format("POST", nil, {["Content-Type"] = ctype}, body) end
  if #paths == 0 then return wrk.request() end
  n = n + 1
  return wrk.format(nil, paths[(n % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    socket + e.status, socket, e.status))
end
