-- wrk script: one path with a counter parameter, so no request is served from Paperboy's page
-- cache (every page is rendered). Run from the project directory:
--   wrk -t2 -c32 -d30s --latency -s bench/wrk/uncached.lua http://127.0.0.1:8080 -- /papers
local path = "/papers"
init = function(args)
  if args[1] then path = args[1] end
end
local n = 0
request = function()
  n = n + 1
  local sep = path:find("?", 1, true) and "&" or "?"
  return wrk.format("GET", path .. sep .. "uncached=" .. n .. math.random(1, 1000000))
end
