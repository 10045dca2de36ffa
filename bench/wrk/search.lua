-- wrk script: a search with a different query (and page) on every request, plus a counter
-- parameter so no request is served from Paperboy's page cache: the worst case.
-- Run from the project directory, optionally naming the path to hit (default: the search page):
--   wrk -t2 -c32 -d30s --latency -s bench/wrk/search.lua http://127.0.0.1:8080
--   wrk -t2 -c32 -d30s --latency -s bench/wrk/search.lua http://127.0.0.1:8080 -- /api/papers/search
local queries = {}
for line in io.lines("bench/wrk/queries.txt") do
  queries[#queries + 1] = line:gsub(" ", "+")
end
local path = "/papers"
init = function(args)
  if args[1] then path = args[1] end
end
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  local page = math.floor(n / #queries) % 3 + 1
  return wrk.format("GET", path .. "?q=" .. q .. "&page=" .. page .. "&uncached=" .. n .. math.random(1, 1000000))
end
