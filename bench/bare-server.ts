/** The HTTP ceiling: a bare Fastify server with one route answering a constant body. Run as its own process. */
import Fastify from "fastify";

const app = Fastify({ logger: false });
const body = { status: "ok", message: "a constant body, about as small as a case is large".repeat(12) };
app.get("/", async () => body);
const address = await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`bare Fastify listening on ${address}`);
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
