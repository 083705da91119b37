/** The direct-op ceiling: the scenario's operation called in-process, by as many callers as connections. */
import { performance } from "node:perf_hooks";
import type { OpContext } from "../src/ops/context.ts";
import type { Fixture } from "./fixture.ts";
import { type Measurement, percentile, round } from "./measure.ts";
import type { Scenario } from "./scenarios.ts";

export async function directLoad(
  ctx: OpContext,
  scenario: Scenario,
  fx: Fixture,
  options: { connections: number; duration: number },
): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.duration * 1000;
  const caller = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        await scenario.direct(fx, ctx);
        latencies.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, caller));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);
  return {
    requestsPerSecond: round(latencies.length / seconds),
    p50Ms: p50 === null ? null : round(p50, 2),
    p99Ms: p99 === null ? null : round(p99, 2),
    errors,
    requests: latencies.length + errors,
  };
}
