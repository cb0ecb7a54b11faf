-- wrk script: each connection first GETs the post page, as a browser does,
-- then POSTs comments with what it gave: a CSRF token and the session cookie
-- it is bound to when the page has them (a visitor without a session gets
-- neither, and its form is checked by its Origin, which this sends too).
local path = os.getenv("POST_PATH") or "/1/"
local origin = os.getenv("ORIGIN")
local loaded, token, cookie = false, "", nil

request = function()
  if not loaded then
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
  if not loaded and status == 200 then
    loaded = true
    token = string.match(body, 'name="csrf_token" value="([^"]*)"') or ""
    -- Names as received: HAProxy sends them in lower case.
    for name, value in pairs(headers) do
      if string.lower(name) == "set-cookie" then cookie = string.match(value, "^([^;]+)") end
    end
  end
end
