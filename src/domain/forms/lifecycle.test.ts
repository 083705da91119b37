/** The form and answer lifecycles, every action from every status, and what each refuses. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { FieldDefinition } from "../fields/definition.ts";
import {
  ANSWER_STATUSES,
  type Answer,
  checkAnswerRemoval,
  decideAnswerChange,
  decideAnswerMove,
} from "./answer.ts";
import { checkForm, checkFormRemoval, decideFormMove, FORM_STATUSES, type Form } from "./form.ts";

const now = new Date("2026-01-05T09:00:00Z");
const form = (status: Form["status"]): Form => ({
  id: 1,
  name: "F",
  description: "",
  status,
  parameters: [{ fieldId: 7, displayOrder: 0 }],
  revision: 1,
  createdAt: now,
  updatedAt: now,
});
const answer = (status: Answer["status"], values: Answer["values"] = { country: "NL" }): Answer => ({
  id: 1,
  caseNumber: 1,
  formId: 1,
  name: "A",
  status,
  values,
  addedBy: null,
  revision: 1,
  createdAt: now,
  updatedAt: now,
});
const country = {
  id: 7,
  key: "country",
  type: "text",
  options: [],
  required: true,
  active: true,
  readonly: false,
} as unknown as FieldDefinition;

test("forms: publish from Draft or Unpublished, unpublish from Published, nothing else", () => {
  const allowed: Record<string, string> = {
    "draft publish": "published",
    "unpublished publish": "published",
    "published unpublish": "unpublished",
  };
  for (const status of FORM_STATUSES)
    for (const action of ["publish", "unpublish"] as const) {
      const decided = decideFormMove(form(status), action);
      const expected = allowed[`${status} ${action}`];
      if (expected) assert.deepEqual(decided, { ok: true, value: expected });
      else assert.equal(!decided.ok && decided.error.code, "invalid_transition", `${status} ${action}`);
    }
});

test("forms: a published form keeps its parameters and is not deleted; one with answers is not deleted", () => {
  const field = { object: "form", active: true } as const;
  const definitions = new Map([
    [7, field],
    [8, field],
  ]);
  const more = {
    name: "F",
    description: "",
    parameters: [...form("draft").parameters, { fieldId: 8, displayOrder: 1 }],
  };
  assert.ok(checkForm(form("draft"), more, definitions).ok);
  const refused = checkForm(form("published"), more, definitions);
  assert.equal(!refused.ok && refused.error.code, "invalid_transition");
  assert.ok(checkForm(form("published"), { ...form("published"), name: "Renamed" }, definitions).ok);
  assert.equal(checkFormRemoval(form("published"), false).ok, false);
  assert.equal(checkFormRemoval(form("unpublished"), true).ok, false);
  assert.ok(checkFormRemoval(form("unpublished"), false).ok);
  assert.ok(checkFormRemoval(form("draft"), false).ok);
  const others = new Map<number, { object: "form" | "case"; active: boolean }>([
    [7, { object: "form", active: false }],
    [8, { object: "case", active: true }],
  ]);
  const three = { ...more, parameters: [...more.parameters, { fieldId: 9, displayOrder: 2 }] };
  const refusedFields = checkForm(null, three, others);
  assert.deepEqual(!refusedFields.ok && refusedFields.error.fields?.map((f) => [f.path[1], f.message]), [
    [0, "is inactive"],
    [1, "is not a Form parameter"],
    [2, "refers to a parameter that does not exist"],
  ]);
});

test("answers: submit from Draft or Querying, query and accept from Submitted; changes while editable", () => {
  const allowed: Record<string, string> = {
    "draft submit": "submitted",
    "querying submit": "submitted",
    "submitted query": "querying",
    "submitted accept": "accepted",
  };
  for (const status of ANSWER_STATUSES) {
    for (const action of ["submit", "query", "accept"] as const) {
      const decided = decideAnswerMove(answer(status), action, [country], now);
      const expected = allowed[`${status} ${action}`];
      if (expected) assert.equal(decided.ok && decided.value.status, expected, `${status} ${action}`);
      else assert.equal(!decided.ok && decided.error.code, "invalid_transition", `${status} ${action}`);
    }
    const changed = decideAnswerChange(
      answer(status),
      [country],
      { name: "B" },
      { now, mayWriteReadonly: false },
    );
    assert.equal(changed.ok, status === "draft" || status === "querying", status);
    assert.equal(checkAnswerRemoval(answer(status)).ok, status === "draft", status);
  }
  const missing = decideAnswerMove(answer("draft", {}), "submit", [country], now);
  assert.deepEqual(!missing.ok && missing.error.fields?.map((f) => f.path), [["parameters", "country"]]);
});
