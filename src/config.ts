/** Configuration from the environment, with defaults that work on a fresh clone. */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import type { RateLimits } from "./http/rate-limits.ts";

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; without it the server runs on embedded PGlite. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** How long a request waits for a PostgreSQL connection before it fails (503). */
  databaseConnectTimeoutMs: number;
  /** How long one PostgreSQL statement may take before it fails (503); 0 = no limit. */
  databaseQueryTimeoutMs: number;
  dataDir: string;
  adminKey: string | undefined;
  /** The console's first administrator (CASEWORK_ADMIN_EMAIL / CASEWORK_ADMIN_PASSWORD). */
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  schedulerIntervalMs: number;
  bodyLimit: number;
  /** Largest file an attachment upload may carry, in bytes (CASEWORK_ATTACHMENT_LIMIT). */
  attachmentLimit: number;
  rateLimits: RateLimits;
  /** The base URL people reach Casework at, used in links to case pages (e.g. the Khoros case `url`). */
  publicUrl: string | undefined;
  webhooks: {
    /** Lets webhooks target http, private, loopback and link-local addresses (receivers on the same host). */
    allowPrivate: boolean;
    /** How long one webhook request may take, connection to answer. */
    timeoutMs: number;
  };
  /** Events older than this, once delivered, are pruned from the outbox. */
  eventRetentionMs: number;
  /** Browser origins allowed to call the APIs (CORS); `*` for any, none by default. */
  corsOrigins: string[];
  /** Serve GET /metrics in Prometheus format. */
  metrics: boolean;
  /** Server processes sharing the port (`serve --workers`). */
  workers: number;
}

const DURATION_UNITS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** "90d", "12h", "30m" or "3600s" in milliseconds; null when it is not such a duration. */
export function durationMs(raw: string): number | null {
  const match = /^([1-9][0-9]{0,5})([smhd])$/.exec(raw.trim());
  return match ? Number(match[1]) * DURATION_UNITS[match[2] as keyof typeof DURATION_UNITS] * 1000 : null;
}

function duration(name: string, fallback: string, env: NodeJS.ProcessEnv): number {
  const raw = env[name] || fallback;
  const ms = durationMs(raw);
  if (ms === null)
    throw new Error(`${name} takes a number and a unit (s, m, h, d), such as 7d, not "${raw}".`);
  return ms;
}

function flag(name: string, env: NodeJS.ProcessEnv): boolean {
  const raw = (env[name] ?? "").trim().toLowerCase();
  if (raw === "" || raw === "false" || raw === "0") return false;
  if (raw === "true" || raw === "1") return true;
  throw new Error(`${name} must be true or false, not "${env[name]}".`);
}

/** A comma-separated list of origins such as https://app.example.com, or `*`. */
function origins(name: string, env: NodeJS.ProcessEnv): string[] {
  const list = (env[name] ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of list)
    if (origin !== "*" && (!URL.canParse(origin) || new URL(origin).origin !== origin))
      throw new Error(`${name} lists origins such as https://app.example.com (or *), not "${origin}".`);
  return list;
}

function integer(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, not "${raw}".`);
  return value;
}

function baseUrl(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || !["http:", "https:"].includes(url.protocol) || url.search || url.hash)
    throw new Error(
      `${name} must be an http(s) base URL such as https://casework.example.com, not "${raw}".`,
    );
  return url.href.replace(/\/+$/, "");
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer("PORT", 8080, env),
    host: env.HOST || "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: integer("DATABASE_POOL_SIZE", 10, env),
    databaseConnectTimeoutMs: integer("DATABASE_CONNECT_TIMEOUT_MS", 2_000, env),
    databaseQueryTimeoutMs: integer("DATABASE_QUERY_TIMEOUT_MS", 15_000, env),
    dataDir: resolve(env.CASEWORK_DATA_DIR || "data"),
    adminKey: env.CASEWORK_ADMIN_KEY || undefined,
    adminEmail: env.CASEWORK_ADMIN_EMAIL || undefined,
    adminPassword: env.CASEWORK_ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL || "info",
    schedulerIntervalMs: integer("CASEWORK_SCHEDULER_INTERVAL_MS", 30_000, env),
    bodyLimit: integer("CASEWORK_BODY_LIMIT", 1_048_576, env),
    attachmentLimit: integer("CASEWORK_ATTACHMENT_LIMIT", 25 * 1_048_576, env),
    rateLimits: {
      perCredential: integer("CASEWORK_RATE_LIMIT", 6_000, env),
      authFailuresPerIp: integer("CASEWORK_AUTH_FAILURE_LIMIT", 60, env),
      windowMs: integer("CASEWORK_RATE_WINDOW_MS", 60_000, env),
    },
    publicUrl: baseUrl("CASEWORK_PUBLIC_URL", env),
    webhooks: {
      allowPrivate: flag("CASEWORK_WEBHOOKS_ALLOW_PRIVATE", env),
      timeoutMs: integer("CASEWORK_WEBHOOK_TIMEOUT_MS", 10_000, env),
    },
    eventRetentionMs: duration("CASEWORK_EVENT_RETENTION", "7d", env),
    corsOrigins: origins("CASEWORK_CORS_ORIGINS", env),
    metrics: flag("CASEWORK_METRICS", env),
    workers: workers(env),
  };
}

/** Server processes: the cores on PostgreSQL; one on PGlite, whose data directory one process holds. */
function workers(env: NodeJS.ProcessEnv): number {
  const count = integer("CASEWORK_WORKERS", env.DATABASE_URL ? availableParallelism() : 1, env);
  if (count < 1) throw new Error("CASEWORK_WORKERS must be at least 1.");
  if (count > 1 && !env.DATABASE_URL)
    throw new Error(
      "CASEWORK_WORKERS above 1 needs PostgreSQL (DATABASE_URL): one process holds PGlite's data.",
    );
  return count;
}
