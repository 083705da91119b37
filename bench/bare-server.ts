/**
 * The HTTP ceiling: a bare Fastify server with one route answering a constant body. Run as its own process;
 * with BARE_WORKERS=N it forks N workers sharing one port, as `casework serve --workers N` does.
 */
import cluster from "node:cluster";
import Fastify from "fastify";

const workers = Number(process.env.BARE_WORKERS ?? 1);

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  let listening = 0;
  cluster.on("message", (_worker, message: { address?: string }) => {
    if (message.address && ++listening === workers)
      console.log(`bare Fastify listening on ${message.address}`);
  });
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
} else {
  const app = Fastify({ logger: false });
  const body = { status: "ok", message: "a constant body, about as small as a case is large".repeat(12) };
  app.get("/", async () => body);
  const address = await app.listen({ port: Number(process.env.BARE_PORT ?? 0), host: "127.0.0.1" });
  if (process.send) process.send({ address });
  else console.log(`bare Fastify listening on ${address}`);
  process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
}
