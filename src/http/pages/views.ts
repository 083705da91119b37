/** The read-only pages: a case with its timeline, a contact with its cases, sign-in and errors. */
import type { Case } from "../../domain/cases/case.ts";
import type { Contact } from "../../domain/contacts/contact.ts";
import type { FieldDefinition } from "../../domain/fields/definition.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { type Html, html, isWebUrl, layout } from "./html.ts";
import { casePagePath, contactPagePath } from "./paths.ts";

const when = (date: Date) =>
  date
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");

function shownValue(value: unknown): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map(String).join(" › ");
  return String(value);
}

function customFields(values: Record<string, unknown>, definitions: readonly FieldDefinition[]): Html[] {
  return definitions
    .filter((d) => values[d.key] !== undefined && values[d.key] !== null)
    .map((d) => html`<dt>${d.label}</dt><dd>${shownValue(values[d.key])}</dd>`);
}

/** A social handle as people write it: one leading "@", whether or not the network sent one. */
const atHandle = (handle: string) => (handle.startsWith("@") ? handle : `@${handle}`);

function signOutForm(): Html {
  return html`<form method="post" action="/w/sign-out"><button>Sign out</button></form>`;
}

function entryView(entry: TimelineEntry): Html {
  const origin = entry.origin;
  const author = origin?.author
    ? html`${origin.author.name} (${atHandle(origin.author.handle)} on ${origin.author.service})`
    : html`${entry.authorType} ${entry.authorId ?? ""}`;
  const link = isWebUrl(origin?.linkUrl)
    ? html` · <a href="${origin.linkUrl}" rel="noopener noreferrer">view on ${origin.service}</a>`
    : "";
  return html`<li class="${entry.visibility}">
<div class="meta">${entry.kind}${origin ? html` from ${origin.service}` : ""} · ${author} · ${when(
    origin?.createdAt ?? entry.createdAt,
  )}${entry.visibility === "internal" ? html` · <span class="badge">internal</span>` : ""}${link}</div>
${entry.title ? html`<strong>${entry.title}</strong>` : ""}
<div class="body">${entry.body}</div>
</li>`;
}

export function casePage(
  slug: string,
  c: Case,
  requester: Contact | null,
  entries: readonly TimelineEntry[],
  definitions: readonly FieldDefinition[],
): string {
  const requesterView = requester
    ? html`<a href="${contactPagePath(slug, requester.id)}">${requester.name || requester.email || `contact ${requester.id}`}</a>`
    : "none";
  return layout(
    `#${c.number} ${c.title}`,
    html`<header><h1>#${c.number} ${c.title}</h1>${signOutForm()}</header>
<dl>
<dt>Status</dt><dd>${c.status}${c.trashedAt ? " (in the trash)" : ""}</dd>
<dt>Priority</dt><dd>${c.priority}</dd>
<dt>Requester</dt><dd>${requesterView}</dd>
<dt>Created</dt><dd>${when(c.createdAt)}</dd>
<dt>Updated</dt><dd>${when(c.updatedAt)}</dd>
${customFields(c.customFields, definitions)}
</dl>
${c.description ? html`<h2>Description</h2><div class="body">${c.description}</div>` : ""}
<h2>Timeline</h2>
${entries.length ? html`<ol>${entries.map(entryView)}</ol>` : html`<p>Nothing yet.</p>`}`,
  );
}

export function contactPage(
  slug: string,
  contact: Contact,
  cases: readonly Case[],
  definitions: readonly FieldDefinition[],
): string {
  const title = contact.name || contact.email || `Contact ${contact.id}`;
  return layout(
    title,
    html`<header><h1>${title}</h1>${signOutForm()}</header>
<dl>
<dt>Email</dt><dd>${contact.email ?? ""}</dd>
<dt>Phone</dt><dd>${contact.phone ?? ""}</dd>
${contact.handles.map(
  (h) =>
    html`<dt>${h.service}</dt><dd>${isWebUrl(h.profileUrl) ? html`<a href="${h.profileUrl}" rel="noopener noreferrer">${atHandle(h.handle)}</a>` : html`${atHandle(h.handle)}`}</dd>`,
)}
${customFields(contact.customFields, definitions)}
</dl>
<h2>Cases</h2>
${cases.length ? html`<ul>${cases.map((c) => html`<li><a href="${casePagePath(slug, c.number)}">#${c.number} ${c.title}</a> · ${c.status}</li>`)}</ul>` : html`<p>None.</p>`}`,
  );
}

export function signInPage(next: string, problem: string | null): string {
  return layout(
    "Sign in",
    html`<h1>Sign in to Casework</h1>
${problem ? html`<p role="alert">${problem}</p>` : ""}
<form method="post" action="/w/sign-in">
<input type="hidden" name="next" value="${next}">
<label>API key <input type="password" name="key" autocomplete="current-password" required></label>
<button>Sign in</button>
</form>`,
  );
}

export function errorPage(status: number, message: string): string {
  return layout(String(status), html`<h1>${status}</h1><p>${message}</p>`);
}
