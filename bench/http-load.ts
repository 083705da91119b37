/** Drives a running server with autocannon for one scenario. */
import autocannon from "autocannon";
import type { Fixture } from "./fixture.ts";
import { type Measurement, round } from "./measure.ts";
import type { Scenario, Slot } from "./scenarios.ts";
import { cpuMs, sampleMemory } from "./server-process.ts";

export interface HttpTarget {
  url: string;
  /** The server's process id, whose memory is sampled. */
  pid: number;
  adminKey: string;
}

/** Seconds of a scenario's requests sent before each measurement and not counted: JIT, pools, prepared statements. */
export const WARM_UP_SECONDS = 1;

export async function httpLoad(
  target: HttpTarget,
  scenario: Scenario,
  fx: Fixture,
  options: { connections: number; duration: number },
): Promise<Measurement> {
  let unexpected = 0;
  const drive = (duration: number) =>
    autocannon({
      url: target.url,
      connections: options.connections,
      duration,
      headers: { authorization: `Bearer ${target.adminKey}`, "content-type": "application/json" },
      requests: [
        {
          setupRequest(request, context) {
            const call = scenario.request(fx, context as Slot);
            return {
              ...request,
              method: call.method,
              path: call.path,
              headers: { ...request.headers, ...call.headers },
              ...(call.body === undefined ? { body: undefined } : { body: JSON.stringify(call.body) }),
            } as typeof request;
          },
          onResponse(status, _body, context, headers) {
            // Counted apart from non-2xx: a 2xx that is not the scenario's status is an error too.
            if (status !== scenario.status && status >= 200 && status < 300) unexpected += 1;
            scenario.onResponse?.(fx, context as Slot, status, (headers ?? {}) as Record<string, string>);
          },
        },
      ],
    });
  const warmUp = await drive(WARM_UP_SECONDS);
  const warmUpErrors = warmUp.non2xx + warmUp.errors + warmUp.timeouts + unexpected;
  unexpected = 0;
  const memory = sampleMemory(target.pid);
  const cpuBefore = cpuMs(target.pid);
  const result = await drive(options.duration);
  return {
    requestsPerSecond: round(result.requests.total / options.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // An error while warming up is an error of the run too.
    errors: result.non2xx + result.errors + result.timeouts + unexpected + warmUpErrors,
    requests: result.requests.total,
    peakRssMb: memory.stop(),
    serverCpuMsPerRequest: result.requests.total
      ? round((cpuMs(target.pid) - cpuBefore) / result.requests.total, 3)
      : null,
  };
}

/** Plain GETs against a URL without a scenario (the bare-Fastify ceiling). */
export async function plainLoad(
  server: { url: string; pid: number },
  options: { connections: number; duration: number },
): Promise<Measurement> {
  const drive = (duration: number) =>
    autocannon({ url: server.url, connections: options.connections, duration });
  await drive(WARM_UP_SECONDS);
  const cpuBefore = cpuMs(server.pid);
  const result = await drive(options.duration);
  return {
    serverCpuMsPerRequest: result.requests.total
      ? round((cpuMs(server.pid) - cpuBefore) / result.requests.total, 3)
      : null,
    requestsPerSecond: round(result.requests.total / options.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    requests: result.requests.total,
  };
}
