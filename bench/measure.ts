/** One measurement's numbers, however it was driven: HTTP (autocannon), the op layer, or pgbench. */

export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Non-2xx (or unexpected) responses, socket errors and timeouts; failed calls for the op layer. */
  errors: number;
  requests: number;
  /** Peak resident memory of the server process, MB (HTTP runs only). */
  peakRssMb?: number;
  /** The server process's CPU time per request, ms: steadier than req/s on a shared machine. */
  serverCpuMsPerRequest?: number | null;
}

export const round = (value: number, digits = 1) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** The value below which `fraction` of the sorted samples fall. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
