-- wrk script: print p50/p95/p99 latency (ms) and request count in one parseable line.
-- The Authorization header comes from `-H`; the URL carries the scenario's query.
done = function(summary, latency, requests)
  io.write(string.format("LATENCY p50=%.3f p95=%.3f p99=%.3f requests=%d non2xx=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests,
    summary.errors.status))
end
