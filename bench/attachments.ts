/**
 * `npm run bench:attachments`: files in and out of the database. Against one server process, it uploads
 * files through MPT (`multipart/form-data`) and downloads them through the native API, several at once, and
 * reports MB/s each way; then it streams one large file in and out while it samples the server's resident
 * memory, to show that neither direction holds the whole file. The client streams too: it generates the
 * bytes as it sends them and hashes what it receives without keeping it.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { type BenchDatabase, onEachDatabase } from "./databases.ts";
import { prepareFixture } from "./fixture.ts";
import { round } from "./measure.ts";
import { cpuMs, sampleMemory, startCasework } from "./server-process.ts";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: "pglite,postgres" },
    /** Size of each file of the throughput phase, MB. */
    size: { type: "string", default: "5" },
    /** Files of the throughput phase, and how many go at once. */
    files: { type: "string", default: "12" },
    connections: { type: "string", default: "3" },
    /** Size of the one large file streamed while memory is sampled, MB. */
    large: { type: "string", default: "100" },
  },
});
const MB = 1_048_576;
const size = Number(values.size) * MB;
const files = Number(values.files);
const connections = Number(values.connections);
const large = Number(values.large) * MB;
const BOUNDARY = "----casework-bench-boundary";

/** `bytes` of a repeating pseudo-random block, produced 1 MB at a time as the request is sent. */
function generated(bytes: number): Readable {
  const block = createHash("sha512").update("casework").digest();
  const piece = Buffer.alloc(MB, block.toString("hex"));
  let left = bytes;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const next = left >= MB ? piece : piece.subarray(0, left);
      left -= next.length;
      this.push(next);
    },
  });
}

/** The multipart body of an upload of `bytes`, streamed: head, generated file, tail. */
function uploadBody(bytes: number): Readable {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachment"\r\nContent-Type: application/json\r\n\r\n` +
      `{"name": "Bench file"}\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="bench.bin"\r\n` +
      "Content-Type: application/octet-stream\r\n\r\n",
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return Readable.from(
    (async function* () {
      yield head;
      for await (const chunk of generated(bytes)) yield chunk as Buffer;
      yield tail;
    })(),
  );
}

async function call(url: string, key: string, init: RequestInit & { duplex?: "half" } = {}) {
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  return res;
}

async function runOn(database: BenchDatabase) {
  const db = await database.open();
  const fx = await prepareFixture(db, 10);
  await db.close();
  const server = await startCasework(
    // One process, so the memory and CPU sampled are those of the server that streams the files.
    { ...database.env, CASEWORK_WORKERS: "1", CASEWORK_ATTACHMENT_LIMIT: String(Math.max(size, large) + MB) },
    fx.adminKey,
  );
  const key = fx.adminKey;
  try {
    const opened = (await (
      await call(`${server.url}/public/v1/helpdesk/cases`, key, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ chat: { lastMessage: { content: "Files" } } }),
      })
    ).json()) as { id: string; chat: { id: string } };
    const number = Number(opened.id.replaceAll(/\D/g, ""));
    const upload = async (bytes: number) => {
      const res = await call(`${server.url}/public/v1/helpdesk/chats/${opened.chat.id}/attachments`, key, {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
        body: Readable.toWeb(uploadBody(bytes)) as ReadableStream,
        duplex: "half",
      });
      const { id, size: stored } = (await res.json()) as { id: string; size: number };
      if (stored !== bytes) throw new Error(`stored ${stored} bytes of ${bytes}`);
      return Number(id.replaceAll(/\D/g, ""));
    };
    const download = async (id: number) => {
      const res = await call(`${server.url}/api/v1/cases/${number}/attachments/${id}/content`, key);
      let received = 0;
      const hash = createHash("sha256");
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        received += chunk.length;
        hash.update(chunk);
      }
      return received;
    };
    /** Runs `work` `count` times, `connections` at once: MB/s over the wall time, server CPU ms per MB. */
    const throughput = async (count: number, work: (i: number) => Promise<number>) => {
      const started = performance.now();
      const cpuBefore = cpuMs(server.pid);
      let next = 0;
      let bytes = 0;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (next < count) bytes += await work(next++);
        }),
      );
      const mb = bytes / MB;
      return {
        mbPerSecond: round(mb / ((performance.now() - started) / 1000), 1),
        serverCpuMsPerMb: round((cpuMs(server.pid) - cpuBefore) / mb, 1),
      };
    };
    const ids: number[] = [];
    const uploaded = await throughput(files, async () => {
      ids.push(await upload(size));
      return size;
    });
    const downloaded = await throughput(files, (i) => download(ids[i]!));

    const idleRss = sampleMemory(server.pid).stop();
    const during = sampleMemory(server.pid);
    const bigId = await upload(large);
    const uploadPeakRssMb = during.stop();
    const reading = sampleMemory(server.pid);
    const received = await download(bigId);
    const downloadPeakRssMb = reading.stop();
    if (received !== large) throw new Error(`downloaded ${received} bytes of ${large}`);
    return {
      database: database.kind,
      fileMb: size / MB,
      files,
      connections,
      upload: uploaded,
      download: downloaded,
      largeFileMb: large / MB,
      serverRssMb: {
        beforeLargeFile: idleRss,
        peakWhileUploading: uploadPeakRssMb,
        peakWhileDownloading: downloadPeakRssMb,
      },
      serverPeakRssMbOverRun: server.peakRssMb(),
    };
  } finally {
    await server.stop();
  }
}

await onEachDatabase(values.database, runOn);
