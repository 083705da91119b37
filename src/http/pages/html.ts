/** Safe HTML: a tagged template that escapes every value it is given, unless the value is already Html. */

export class Html {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ENTITIES[char]!);

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/** `html\`<p>${text}</p>\`` escapes `text`; nested `html` fragments and arrays of them are kept as they are. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, part, index) => out + render(values[index - 1]) + part));
}

/** Only web links are rendered as links: a `javascript:` or `data:` URL from a social network stays text. */
export const isWebUrl = (value: string | null | undefined): value is string =>
  !!value && /^https?:\/\//i.test(value) && URL.canParse(value);

export function layout(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Casework</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:1px solid #ddd}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{color:#666}dd{margin:0}
ol{list-style:none;padding:0}li{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
li.internal{background:#fff8e1}.meta{color:#666;font-size:.85em}.body{white-space:pre-wrap}
.badge{border:1px solid #999;border-radius:4px;padding:0 .3rem;font-size:.8em}
</style>
</head>
<body>${body}</body>
</html>`.text;
}
