// The files of a case's conversation (attached by MPT clients): name, type, size and a download link.
import type { Attachment } from "../api.ts";
import { when } from "../ui.tsx";

/** A size as people read it: bytes, KB or MB (binary, one decimal). */
export function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  const [value, unit] = size < 1_048_576 ? [size / 1024, "KB"] : [size / 1_048_576, "MB"];
  return `${value.toFixed(1)} ${unit}`;
}

export function Files({ number, files }: { number: number; files: Attachment[] }) {
  const kept = files.filter((f) => !f.deleted);
  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">Files ({kept.length})</h2>
      {kept.length === 0 && <p class="muted">No files attached.</p>}
      <ul class="files">
        {kept.map((f) => (
          <li key={f.id}>
            <a href={`/api/v1/cases/${number}/attachments/${f.id}/content`} download={f.filename}>
              {f.name}
            </a>{" "}
            <span class="muted">
              {f.filename} · {f.contentType} · {bytes(f.size)} ·{" "}
              <time dateTime={f.createdAt}>{when(f.createdAt)}</time>
            </span>
            {f.description && <p class="file-description">{f.description}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
