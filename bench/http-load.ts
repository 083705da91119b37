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

export async function httpLoad(
  target: HttpTarget,
  scenario: Scenario,
  fx: Fixture,
  options: { connections: number; duration: number },
): Promise<Measurement> {
  const memory = sampleMemory(target.pid);
  const cpuBefore = cpuMs(target.pid);
  let unexpected = 0;
  const result = await autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.duration,
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
  return {
    requestsPerSecond: round(result.requests.total / options.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts + unexpected,
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
  const cpuBefore = cpuMs(server.pid);
  const result = await autocannon({
    url: server.url,
    connections: options.connections,
    duration: options.duration,
  });
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
