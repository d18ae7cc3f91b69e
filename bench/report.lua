-- wrk reporter: one machine-readable line with throughput and latency percentiles (ms).
-- With BENCH_PATHS_FILE set, each request takes the next path from that file (one per
-- line), so that a run can spread over many different pages.
local paths, next_path = nil, 0
local file = os.getenv("BENCH_PATHS_FILE")
if file and file ~= "" then
  paths = {}
  for line in io.lines(file) do
    paths[#paths + 1] = line
  end
end

setup = function(thread)
  thread:set("offset", math.random(1, 100000))
end

request = function()
  if not paths then
    return wrk.format(nil)
  end
  next_path = next_path + 1
  return wrk.format(nil, paths[(next_path + offset) % #paths + 1])
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH rps=%.1f p50=%.2f p95=%.2f p99=%.2f errors=%d requests=%d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    summary.requests))
end
