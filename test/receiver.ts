/** A webhook receiver on loopback for tests: answers as a script says, and keeps what it was sent. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after } from "node:test";

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  message: { id: string; type: string; subject: { id: string; type: string }; revision: number | null };
}

/** How to answer the n-th request (0-based): a status, one with headers or after a delay, or "hang" (never). */
export type Answer = number | { status: number; headers?: Record<string, string>; delayMs?: number } | "hang";

export interface Receiver {
  url: string;
  /** Every request, in arrival order, duplicates included. */
  received: Received[];
  /** The first copy of each event id, in arrival order. */
  unique(): Received[];
  close(): Promise<void>;
}

export async function startReceiver(
  script: (n: number, message: Received) => Answer = () => 200,
): Promise<Receiver> {
  const received: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const entry: Received = {
        id: String(request.headers["webhook-id"]),
        timestamp: String(request.headers["webhook-timestamp"]),
        signature: String(request.headers["webhook-signature"]),
        body,
        message: JSON.parse(body),
      };
      const answer = script(received.length, entry);
      received.push(entry);
      if (answer === "hang") {
        hanging.add(response);
        return;
      }
      const { status, headers, delayMs } = typeof answer === "number" ? { status: answer } : answer;
      setTimeout(() => {
        if (!response.destroyed)
          response.writeHead(status, headers).end(status >= 300 ? "receiver says no" : "ok");
      }, delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = async () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  after(close);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    unique() {
      const seen = new Set<string>();
      return received.filter((r) => !seen.has(r.id) && seen.add(r.id));
    },
    close,
  };
}
