/**
 * One webhook request, made safely: the target's address is checked when connecting (after DNS), redirects
 * are not followed, the whole exchange has a deadline and at most a few kilobytes of the answer are read.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isPrivateAddress } from "../domain/events/target.ts";

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Bytes of the response body read at most (kept for the attempt's error text); the rest is dropped. */
  maxResponseBytes?: number;
  /** Connections kept open between requests; without them each request has a connection of its own. */
  agents?: KeptConnections;
}

export interface KeptConnections {
  http: http.Agent;
  https: https.Agent;
  destroy(): void;
}

/**
 * Keeps connections to receivers open between deliveries, so a busy receiver is not connected to (and over
 * TLS handshaken with) once per event. A kept connection was judged by `guardedLookup` when it was made, so
 * one set serves one private-address policy.
 */
export function keptConnections(maxSockets: number): KeptConnections {
  const options = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 30_000 };
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };
  return {
    ...agents,
    destroy() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

export interface PostResult {
  status: number | null;
  latencyMs: number;
  /** Why the attempt failed (connection, timeout, status); null on a 2xx. */
  error: string | null;
  retryAfter: string | undefined;
}

/** Resolves like dns.lookup, then refuses when any address the name gives is private. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = !allowPrivate && addresses.find((a) => isPrivateAddress(a.address));
      if (refused)
        return callback(
          Object.assign(new Error(`${hostname} resolves to a private address (${refused.address})`), {
            code: "EPRIVATE",
          }),
          "",
          0,
        );
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

const DEFAULT_MAX_RESPONSE = 4096;

export function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const secure = target.protocol === "https:";
  const transport = secure ? https : http;
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
  // A literal address is never looked up, so it is judged here.
  if (!options.allowPrivate && isPrivateAddress(target.hostname))
    return Promise.resolve({
      status: null,
      latencyMs: 0,
      error: `${target.hostname} is a private address`,
      retryAfter: undefined,
    });
  return new Promise((resolve) => {
    let settled = false;
    /** `reusable`: the answer was read to its end, so a kept connection can serve the next request. */
    const finish = (result: Omit<PostResult, "latencyMs">, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (!reusable) request.destroy();
      resolve({ ...result, latencyMs: elapsed() });
    };
    const request = transport.request(target, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "user-agent": "Casework-Webhooks/1",
        ...headers,
      },
      lookup: guardedLookup(options.allowPrivate),
      agent: options.agents ? (secure ? options.agents.https : options.agents.http) : false,
    });
    // One deadline for connecting, sending and the answer: a slow receiver costs at most this long.
    const deadline = setTimeout(
      () => finish({ status: null, error: `timed out after ${options.timeoutMs} ms`, retryAfter: undefined }),
      options.timeoutMs,
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      finish({ status: null, error: error.message || String(error.code), retryAfter: undefined }),
    );
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let read = 0;
      const done = (reusable: boolean) => {
        const text = Buffer.concat(chunks).toString("utf8").slice(0, 200);
        const ok = status >= 200 && status < 300;
        const retryAfter = response.headers["retry-after"];
        finish(
          {
            status,
            error: ok
              ? null
              : `answered ${status}${status >= 300 && status < 400 ? " (redirects are not followed)" : ""}${text ? `: ${text}` : ""}`,
            retryAfter: typeof retryAfter === "string" ? retryAfter : undefined,
          },
          reusable,
        );
      };
      response.on("data", (chunk: Buffer) => {
        if (read < limit) chunks.push(chunk.subarray(0, limit - read));
        read += chunk.length;
        if (read >= limit) done(false);
      });
      response.on("end", () => done(true));
      response.on("error", () => done(false));
    });
    request.end(body);
  });
}
