/** Prints results as tables on the console. */
import type { Measurement } from "./measure.ts";
import type { DatabaseResult, Headline } from "./run.ts";
import type { ScaleResult } from "./scale.ts";

export const ratio = (measured: Measurement, ceiling: Measurement | undefined) =>
  ceiling && ceiling.requestsPerSecond > 0
    ? Math.round((measured.requestsPerSecond / ceiling.requestsPerSecond) * 1000) / 1000
    : undefined;

const percent = (value: number | undefined) => (value === undefined ? "-" : `${Math.round(value * 100)}%`);
const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? "-" : String(value);

export function printDatabase(result: DatabaseResult, bare: Measurement | undefined) {
  console.log(
    `\n${result.database}: server peak RSS ${result.serverPeakRssMb} MB${bare ? `; bare Fastify ${bare.requestsPerSecond} req/s` : ""}`,
  );
  console.table(
    result.scenarios.map((s) => ({
      scenario: s.scenario,
      "req/s": s.http.requestsPerSecond,
      "p50 ms": ms(s.http.p50Ms),
      "p99 ms": ms(s.http.p99Ms),
      errors: s.http.errors,
      "peak RSS MB": s.http.peakRssMb,
      "CPU ms/req": s.http.serverCpuMsPerRequest ?? "-",
      "op req/s": s.direct?.requestsPerSecond ?? "-",
      "vs op": percent(s.ratios.toDirect),
      "vs bare": percent(s.ratios.toBareFastify),
      "pgbench tps": s.pgbench?.requestsPerSecond ?? "-",
      "vs pgbench": percent(s.ratios.toPgbench),
    })),
  );
  if (result.headline) printHeadline(result.headline);
}

export function printHeadline(headline: Headline) {
  const line = (
    name: string,
    m: Measurement,
    ceilingName: string,
    ceiling: Measurement,
    value: number | undefined,
    target: number,
  ) =>
    console.log(
      `  ${name}: ${m.requestsPerSecond}/s (p99 ${ms(m.p99Ms)} ms, ${m.errors} errors) vs ${ceilingName} ${ceiling.requestsPerSecond}/s` +
        `${ceiling.p99Ms !== null ? ` (p99 ${ms(ceiling.p99Ms)} ms)` : ""} = ${value ?? "-"} (target ≥ ${target})`,
    );
  console.log(`\nheadline at ${headline.connections} connections, ${headline.workers} worker(s):`);
  if (headline.create)
    line(
      "create over HTTP",
      headline.create.http,
      "lean create transaction",
      headline.create.leanCreate,
      headline.create.ratio,
      0.5,
    );
  if (headline.get)
    line(
      "get over HTTP",
      headline.get.http,
      "bare Fastify",
      headline.get.bareFastify,
      headline.get.ratio,
      0.3,
    );
}

export function printScale(result: ScaleResult) {
  console.log(
    `\nscale: ${result.cases} cases imported in ${result.importSeconds} s; server peak RSS ${result.serverPeakRssMb} MB`,
  );
  console.table(
    result.queries.map((q) => ({
      query: q.name,
      "req/s": q.http.requestsPerSecond,
      "p50 ms": ms(q.http.p50Ms),
      "p99 ms": ms(q.http.p99Ms),
      errors: q.http.errors,
    })),
  );
}
