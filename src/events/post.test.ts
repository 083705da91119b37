import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import { isPrivateAddress, targetProblem } from "../domain/events/target.ts";
import { guardedLookup, keptConnections, postJson } from "./post.ts";

describe("webhook requests are safe", async () => {
  let big = "";
  const server = createServer((request, response) => {
    if (request.url === "/redirect")
      return response.writeHead(302, { location: "https://example.com/" }).end();
    if (request.url === "/slow") return; // never answers
    if (request.url === "/big") return response.writeHead(500).end(big);
    if (request.url === "/busy") return response.writeHead(429, { "retry-after": "7" }).end();
    response.writeHead(200).end("ok");
  });
  let connections = 0;
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const open = { timeoutMs: 500, allowPrivate: true };

  test("private, loopback and link-local addresses are refused unless allowed", async () => {
    for (const address of [
      "127.0.0.1",
      "10.0.0.8",
      "172.20.1.1",
      "192.168.5.5",
      "169.254.169.254",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "0.0.0.0",
      "100.64.0.1",
    ])
      assert.ok(isPrivateAddress(address), address);
    for (const address of ["93.184.216.34", "2606:4700::1111", "8.8.8.8"])
      assert.ok(!isPrivateAddress(address), address);
    const refused = await postJson(`${base}/ok`, {}, "{}", { ...open, allowPrivate: false });
    assert.equal(refused.status, null);
    assert.match(refused.error ?? "", /private address/);
    assert.equal((await postJson(`${base}/ok`, {}, "{}", open)).status, 200);
    assert.equal(targetProblem("http://127.0.0.1:8080/x", true), null);
    assert.match(targetProblem("http://example.com/x", false) ?? "", /https/);
  });

  test("a name that resolves to a private address is refused when connecting", async () => {
    const looked = await new Promise<Error | null>((resolve) =>
      guardedLookup(false)("localhost", { family: 0 }, (error) => resolve(error)),
    );
    assert.match(looked?.message ?? "", /resolves to a private address/);
    const port = (server.address() as AddressInfo).port;
    const res = await postJson(`http://localhost:${port}/ok`, {}, "{}", { ...open, allowPrivate: false });
    assert.equal(res.status, null);
    assert.match(res.error ?? "", /resolves to a private address/);
  });

  test("redirects are not followed; slow receivers time out; only a little of an answer is read", async () => {
    const redirected = await postJson(`${base}/redirect`, {}, "{}", open);
    assert.equal(redirected.status, 302);
    assert.match(redirected.error ?? "", /redirects are not followed/);
    const slow = await postJson(`${base}/slow`, {}, "{}", { ...open, timeoutMs: 200 });
    assert.equal(slow.status, null);
    assert.match(slow.error ?? "", /timed out after 200 ms/);
    big = "x".repeat(5_000_000);
    const large = await postJson(`${base}/big`, {}, "{}", open);
    assert.equal(large.status, 500);
    assert.ok((large.error ?? "").length < 300);
    const busy = await postJson(`${base}/busy`, {}, "{}", open);
    assert.deepEqual([busy.status, busy.retryAfter], [429, "7"]);
  });

  test("kept connections serve request after request; a timed-out or half-read one is not reused", async () => {
    const kept = keptConnections(4);
    after(() => kept.destroy());
    const withKept = { ...open, agents: kept };
    const before = connections;
    for (let i = 0; i < 5; i++) assert.equal((await postJson(`${base}/ok`, {}, "{}", withKept)).status, 200);
    assert.equal(connections - before, 1, "five requests, one connection");
    const slow = await postJson(`${base}/slow`, {}, "{}", { ...withKept, timeoutMs: 100 });
    assert.match(slow.error ?? "", /timed out/);
    big = "x".repeat(100_000);
    assert.equal((await postJson(`${base}/big`, {}, "{}", withKept)).status, 500);
    assert.equal((await postJson(`${base}/ok`, {}, "{}", withKept)).status, 200);
    // The kept connection was used by the timed-out request and destroyed; the half-read one too.
    assert.equal(connections - before, 3);
    const refused = await postJson(`${base}/ok`, {}, "{}", { ...withKept, allowPrivate: false });
    assert.match(refused.error ?? "", /private address/);
  });
});
