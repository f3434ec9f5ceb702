-- wrk script for MCP Streamable HTTP: every wrk thread is one client with its own connection and its own initialized
-- session (run wrk with as many threads as connections), POSTing the same tools/call again and again.
--   MCP_SESSIONS_FILE  one Mcp-Session-Id per line, already initialized (http.mjs makes them); empty lines for a
--                      protocol revision without sessions
--   MCP_BODY           the JSON-RPC request to POST
--   MCP_PROTOCOL       the MCP-Protocol-Version header (default 2025-06-18); with 2026-07-28 no session is sent and
--                      the request carries Mcp-Method and Mcp-Name (MCP_METHOD, MCP_NAME) as that revision requires
-- A response counts as bad unless it is HTTP 200 with a JSON-RPC result in its body (plain JSON or an SSE event).

local sessions = {}
for line in io.lines(os.getenv("MCP_SESSIONS_FILE")) do
  sessions[#sessions + 1] = line
end

local threads = {}
local next_session = 1

function setup(thread)
  thread:set("sid", sessions[next_session])
  next_session = next_session + 1
  threads[#threads + 1] = thread
end

function init(args)
  bad = 0
  local headers = {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
    ["MCP-Protocol-Version"] = os.getenv("MCP_PROTOCOL") or "2025-06-18",
  }
  if sid ~= nil and #sid > 0 then headers["Mcp-Session-Id"] = sid end
  if os.getenv("MCP_METHOD") then headers["Mcp-Method"] = os.getenv("MCP_METHOD") end
  if os.getenv("MCP_NAME") then headers["Mcp-Name"] = os.getenv("MCP_NAME") end
  prepared = wrk.format("POST", nil, headers, os.getenv("MCP_BODY"))
end

function request()
  return prepared
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"result"', 1, true) or string.find(body, '"isError":true', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  for _, thread in ipairs(threads) do bad_total = bad_total + thread:get("bad") end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bad":%d,"socket_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, bad_total, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
