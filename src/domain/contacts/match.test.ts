import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fieldDefinition } from "../../../test/factories.ts";
import type { Contact } from "./contact.ts";
import { checkCriteria, MATCH_WEIGHTS, matchScore, normalizeProfile, rankMatches } from "./match.ts";

const contact = (id: number, overrides: Partial<Contact> = {}): Contact => ({
  id,
  name: "",
  email: null,
  phone: null,
  accountId: null,
  handles: [],
  customFields: {},
  blocked: false,
  optOuts: [],
  revision: 1,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-01T00:00:00Z"),
  ...overrides,
});

describe("best match", () => {
  test("normalising drops empty values, so a contact without a phone or email matches nothing by them", () => {
    const probe = normalizeProfile({ email: " ", phoneNumbers: ["", "+1 (555) 010"], screenName: "@@Eve" });
    assert.deepEqual(probe.emails, []);
    assert.deepEqual(probe.phoneDigits, ["1555010"]);
    assert.deepEqual(probe.handles, ["eve"]);
    assert.equal(matchScore(contact(1), probe, []), 0);
  });

  test("each kind of agreement adds its weight once", () => {
    const eve = contact(1, {
      name: "Eve",
      email: "EVE@example.com",
      phone: "555-0100",
      handles: [{ service: "x", handle: "@eve", serviceId: null, profileUrl: "https://x.com/Eve" }],
      customFields: { account: "A1", order: 7 },
    });
    const probe = normalizeProfile({
      displayName: "eve",
      screenName: "EVE",
      profileUrl: "https://x.com/eve",
      email: "eve@example.com",
      phoneNumbers: ["5550100", "(555) 0100"],
      accountNumbers: ["A1"],
      orderNumbers: ["7"],
    });
    const all = Object.values(MATCH_WEIGHTS).reduce((a, b) => a + b, 0);
    assert.equal(matchScore(eve, probe, ["account", "order"]), all);
    assert.equal(matchScore(eve, probe, []), all - MATCH_WEIGHTS.accountNumber - MATCH_WEIGHTS.orderNumber);
  });

  test("ranking: best first, ties to the older contact, non-matches out, at most the limit", () => {
    const probe = normalizeProfile({ displayName: "Sam", email: "sam@example.com" });
    const ranked = rankMatches(
      [
        contact(3, { name: "Sam" }),
        contact(2, { name: "sam" }),
        contact(1, { name: "Other" }),
        contact(4, { email: "sam@example.com" }),
      ],
      probe,
      [],
      2,
    );
    assert.deepEqual(
      ranked.map((c) => c.id),
      [4, 2],
    );
  });
});

describe("search criteria", () => {
  const definitions = [
    fieldDefinition("loyalty", "text", { object: "contact", searchable: true }),
    fieldDefinition("tier", "text", { object: "contact" }),
    fieldDefinition("old", "text", { object: "contact", searchable: true, active: false }),
  ];

  test("only active searchable fields, with single values; something must be asked", () => {
    assert.equal(checkCriteria(definitions, { name: "x" }).ok, true);
    assert.equal(checkCriteria(definitions, { customFields: { loyalty: "L1" } }).ok, true);
    const refused = checkCriteria(definitions, {
      customFields: { tier: "gold", old: "x", nope: "y", loyalty: ["L1"] },
    });
    assert.equal(refused.ok, false);
    if (refused.ok) return;
    assert.deepEqual(refused.error.fields, [
      { path: ["customFields", "tier"], message: "is not searchable" },
      { path: ["customFields", "old"], message: "is not a defined field" },
      { path: ["customFields", "nope"], message: "is not a defined field" },
      { path: ["customFields", "loyalty"], message: "must be a single value" },
    ]);
    const empty = checkCriteria(definitions, { customFields: {} });
    assert.equal(empty.ok, false);
  });
});
