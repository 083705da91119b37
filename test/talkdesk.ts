/** Helpers for Talkdesk dialect tests: calls with a bearer token, error-envelope assertions, the seed's fields. */
import assert from "node:assert/strict";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { FieldOption } from "../src/domain/fields/definition.ts";
import type { TestApp } from "./setup.ts";

/** A call as a Talkdesk client makes it: `Authorization: Bearer <token>`, JSON. */
export function talkdesk(
  t: TestApp,
  token: string | null,
  options: Omit<InjectOptions, "url"> & { url: string },
): Promise<LightMyRequestResponse> {
  const { headers, url, ...rest } = options;
  return t.app.inject({
    ...rest,
    url: `/cm${url}`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

export interface TalkdeskErrorBody {
  code: string;
  message: string;
  description: string;
  fields: { name: string; description: string }[];
}

/** Asserts the Talkdesk error envelope with this status (and code), naming exactly `fields` when given. */
export function assertTalkdeskError(
  res: LightMyRequestResponse,
  status: number,
  code?: string,
  fields?: string[],
): TalkdeskErrorBody {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers["content-type"]), /^application\/json/);
  const body = res.json() as TalkdeskErrorBody;
  assert.deepEqual(Object.keys(body).sort(), ["code", "description", "fields", "message"], res.body);
  assert.equal(typeof body.code, "string");
  assert.equal(typeof body.message, "string");
  assert.equal(typeof body.description, "string");
  assert.ok(Array.isArray(body.fields));
  for (const field of body.fields) assert.deepEqual(Object.keys(field).sort(), ["description", "name"]);
  if (code) assert.equal(body.code, code, res.body);
  if (fields) assert.deepEqual(body.fields.map((f) => f.name).sort(), [...fields].sort(), res.body);
  return body;
}

const tree: FieldOption[] = [
  {
    value: "3a20c48f-3e33-49b0-af22-63eba6fa4cc3",
    label: "a",
    children: [
      {
        value: "bbb2a5e7-6190-4eb1-b889-ec37e0badd0b",
        label: "a1",
        children: [{ value: "e9e3c93a-1b28-489a-96fe-6b3e9ca60976", label: "a11" }],
      },
    ],
  },
];

/** The dependent field's path in the seed: root, child, grandchild. */
export const DEPENDENT_PATH = [
  "3a20c48f-3e33-49b0-af22-63eba6fa4cc3",
  "bbb2a5e7-6190-4eb1-b889-ec37e0badd0b",
  "e9e3c93a-1b28-489a-96fe-6b3e9ca60976",
];

/** The custom fields of the update seed, wrapped as it sends them. */
export const SEED_CUSTOM_FIELDS = {
  checkbox1: { value: true },
  drop_down1: { label: "test dw12", value: "001" },
  text1: { value: "text desc" },
  dependent_field1: { label: ["a", "a1", "a11"], value: DEPENDENT_PATH },
  date1: { value: "2022-04-21T06:30:21Z" },
  numeric1: { value: 1 },
  decimal1: { value: 1.2 },
  multi_line_text1: { value: "Line1\\\\nLine2" },
  multi_select1: { label: ["1111", "2222"], value: ["001", "002"] },
};

/** The custom fields the update seed sends, defined in Casework (native definitions). */
export const SEED_FIELDS: { key: string; label: string; type: string; options?: FieldOption[] }[] = [
  { key: "checkbox1", label: "Checkbox", type: "checkbox" },
  {
    key: "drop_down1",
    label: "Drop-down",
    type: "select",
    options: [
      { value: "001", label: "test dw12" },
      { value: "002", label: "other" },
      { value: "1", label: "one" },
    ],
  },
  { key: "text1", label: "Text", type: "text" },
  { key: "dependent_field1", label: "Dependent", type: "dependent_select", options: tree },
  { key: "date1", label: "Date", type: "date" },
  { key: "numeric1", label: "Numeric", type: "integer" },
  { key: "decimal1", label: "Decimal", type: "decimal" },
  { key: "multi_line_text1", label: "Multi-line", type: "textarea" },
  {
    key: "multi_select1",
    label: "Multi-select",
    type: "multi_select",
    options: [
      { value: "001", label: "1111" },
      { value: "002", label: "2222" },
    ],
  },
];

export async function defineSeedFields(t: TestApp): Promise<void> {
  for (const field of SEED_FIELDS) {
    const res = await t.request({
      method: "POST",
      url: "/api/v1/fields",
      payload: { object: "case", ...field },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
}
