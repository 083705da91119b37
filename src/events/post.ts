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
  const transport = target.protocol === "https:" ? https : http;
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
    const finish = (result: Omit<PostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.destroy();
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
      agent: false,
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
      const done = () => {
        const text = Buffer.concat(chunks).toString("utf8").slice(0, 200);
        const ok = status >= 200 && status < 300;
        const retryAfter = response.headers["retry-after"];
        finish({
          status,
          error: ok
            ? null
            : `answered ${status}${status >= 300 && status < 400 ? " (redirects are not followed)" : ""}${text ? `: ${text}` : ""}`,
          retryAfter: typeof retryAfter === "string" ? retryAfter : undefined,
        });
      };
      response.on("data", (chunk: Buffer) => {
        if (read < limit) chunks.push(chunk.subarray(0, limit - read));
        read += chunk.length;
        if (read >= limit) done();
      });
      response.on("end", done);
      response.on("error", done);
    });
    request.end(body);
  });
}
