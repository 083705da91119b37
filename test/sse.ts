/** Reads a server-sent event stream in tests until a condition holds (or a deadline passes). */

const CONNECT_MS = 60_000;

export interface StreamedEvent {
  id: string;
  event: string;
  data: Record<string, unknown> & {
    id: string;
    type: string;
    topics: string[];
    subject: { id: string; type: string };
  };
}

export async function readSse(
  url: string,
  headers: Record<string, string>,
  done: (events: StreamedEvent[]) => boolean,
  timeoutMs = 5000,
): Promise<{ status: number; contentType: string | null; events: StreamedEvent[] }> {
  const abort = new AbortController();
  // `timeoutMs` is how long the stream is listened to, counted from its headers: a loaded machine may take a
  // while to answer at all, which only a hang (a minute) fails.
  let timer = setTimeout(() => abort.abort(), CONNECT_MS);
  const events: StreamedEvent[] = [];
  const res = await fetch(url, { headers, signal: abort.signal });
  clearTimeout(timer);
  timer = setTimeout(() => abort.abort(), timeoutMs);
  const contentType = res.headers.get("content-type");
  if (!res.ok || !res.body) {
    clearTimeout(timer);
    await res.body?.cancel();
    return { status: res.status, contentType, events };
  }
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split("\n")
            .filter((line) => !line.startsWith(":") && line.includes(": "))
            .map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)]),
        );
        if (fields.data)
          events.push({
            id: fields.id ?? "",
            event: fields.event ?? "message",
            data: JSON.parse(fields.data),
          });
        end = buffer.indexOf("\n\n");
      }
      if (done(events)) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return { status: res.status, contentType, events };
}
