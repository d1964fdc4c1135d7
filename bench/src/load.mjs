import { performance } from "node:perf_hooks";

/** Value at quantile q (0..1) of sorted numbers. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Sends with `concurrency` in flight: a warm-up phase, then a measured phase. Each phase is a
 * number of sends (`warmup`, `total`) or a duration (`warmupMs`, `durationMs`). Measures sends/s,
 * latency quantiles, CPU per send and peak RSS of this process. `sends` counts every send made.
 */
export async function runLoad(send, config) {
  const { concurrency } = config;
  let errors = 0;
  let firstError;
  let latencies = new Float64Array(1 << 16);
  const phase = async (count, ms, record) => {
    let issued = 0;
    const deadline = performance.now() + ms;
    const more = count === undefined ? () => performance.now() < deadline : () => issued < count;
    const worker = async () => {
      while (more()) {
        const i = issued++;
        const started = performance.now();
        try {
          await send();
        } catch (error) {
          errors++;
          firstError ??= error;
        }
        if (!record) continue;
        if (i >= latencies.length) {
          const grown = new Float64Array(latencies.length * 2);
          grown.set(latencies);
          latencies = grown;
        }
        latencies[i] = performance.now() - started;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return issued;
  };
  const warm = await phase(config.warmup, config.warmupMs ?? 0, false);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const total = await phase(config.total, config.durationMs ?? 0, true);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = latencies.subarray(0, total).sort();
  return {
    sends: warm + total,
    measured: total,
    errors,
    firstError: firstError === undefined ? undefined : String(firstError?.stack ?? firstError),
    sendsPerSec: total / (wallMs / 1000),
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    cpuUsPerSend: (cpu.user + cpu.system) / total,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

/**
 * The body of every client process: `node client.mjs '<json config>'`. Mode `load` runs
 * {@link runLoad}; mode `cold` makes one send. The result goes to stdout as one JSON line.
 */
export async function clientMain(makeSend) {
  const config = JSON.parse(process.argv[2]);
  const { send, close, report } = await makeSend(config);
  let result;
  if (config.mode === "cold") {
    let error;
    try {
      await send();
    } catch (caught) {
      error = caught;
    }
    result = {
      sends: 1,
      errors: error ? 1 : 0,
      firstError: error ? String(error?.stack ?? error) : undefined,
    };
  } else {
    result = await runLoad(send, config);
  }
  // Client-specific figures (clients/nhub-observed.mjs: spans exported).
  if (report) result = { ...result, ...(await report()) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (config.mode !== "cold") await close?.();
  // Keep-alive sockets must not keep a finished client alive (same for every client).
  process.exit(0);
}
