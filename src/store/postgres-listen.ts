/** LISTEN on a connection of its own, reconnecting after a database restart; each notification calls back. */
import pg from "pg";

const RECONNECT_MS = 1000;

export async function listenOn(
  config: pg.ClientConfig,
  channel: string,
  onNotify: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client(config);
    next.on("notification", () => onNotify());
    next.on("error", () => reconnect(next));
    next.on("end", () => reconnect(next));
    await next.connect();
    await next.query(`listen "${channel.replaceAll('"', '""')}"`);
    client = next;
    // Commits made while no connection listened are caught up with by whoever is woken now.
    onNotify();
  };
  const reconnect = (broken: pg.Client) => {
    if (stopped || client !== broken) return;
    client = null;
    broken.end().catch(() => {});
    const attempt = () => {
      if (stopped) return;
      connect().catch(() => {
        retry = setTimeout(attempt, RECONNECT_MS);
        retry.unref();
      });
    };
    retry = setTimeout(attempt, RECONNECT_MS);
    retry.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const open = client;
    client = null;
    await open?.end().catch(() => {});
  };
}
