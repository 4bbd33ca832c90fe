-- wrk script: POST one fixture as JSON; stop each thread after its share of MAX_REQUESTS.
local body_file, path, max_requests = nil, nil, 0

function init(args)
  body_file, path, max_requests = args[1], args[2], tonumber(args[3])
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.method = "POST"
  wrk.path = path
  wrk.headers["Content-Type"] = "application/json"
  done = 0
end

function response(status, headers, body)
  done = done + 1
  if max_requests > 0 and done >= max_requests then
    wrk.thread:stop()
  end
end
