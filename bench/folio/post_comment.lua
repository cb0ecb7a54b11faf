-- wrk script: each connection first GETs the post page (for a CSRF token and
-- the session cookie that token is bound to), then POSTs comments with them.
local path = os.getenv("POST_PATH") or "/1/"
local origin = os.getenv("ORIGIN")
local token, cookie

request = function()
  if not token then
    return wrk.format("GET", path)
  end
  local body = "csrf_token=" .. token .. "&content=A+benchmark+comment&author=wrk"
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["Origin"] = origin,
  }, body)
end

response = function(status, headers, body)
  if not token and status == 200 then
    token = string.match(body, 'name="csrf_token" value="([^"]+)"')
    -- Names as received: HAProxy sends them in lower case.
    for name, value in pairs(headers) do
      if string.lower(name) == "set-cookie" then cookie = string.match(value, "^([^;]+)") end
    end
  end
end
