-- wrk script: POSTs one MCP tools/call (get_table, a cached metadata read) to a Streamable HTTP
-- endpoint, back to back on each connection, and counts the answers that are not a tool success.
--   wrk -t2 -c64 -d10s --latency -s tools-call.lua http://127.0.0.1:PORT/mcp -- [SESSION_ID ...]
-- With session ids the requests carry them in turn (stateful server); without, none (stateless).
-- wrk itself only counts non-2xx statuses: a 200 carrying a JSON-RPC error is "wrong" here.
local sessions = {}
local n = 0
bad = 0
sample = nil

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["Mcp-Protocol-Version"] = "2025-06-18"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_table",'
  .. '"arguments":{"full_name":"samples.nyctaxi.trips"}}}'

function init(args)
  for i, s in ipairs(args) do sessions[i] = s end
end

function request()
  if #sessions == 0 then return wrk.format() end
  n = n + 1
  -- a headers table given to wrk.format replaces wrk.headers: copy them (without Content-Type
  -- every answer is a fast 415, which wrk's requests/s counts like any other)
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Mcp-Session-Id"] = sessions[(n % #sessions) + 1]
  return wrk.format(nil, nil, headers)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"isError":false', 1, true) then
    bad = bad + 1
    if sample == nil then sample = status .. " " .. string.sub(body, 1, 200) end
  end
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("bad") or 0) end
  io.write(string.format("wrong answers: %d\n", total))
  for _, t in ipairs(threads) do
    local s = t:get("sample")
    if s then io.write("first wrong answer: " .. s .. "\n") end
  end
end
