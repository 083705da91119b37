import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { accessToken, registerClient } from "../../../../test/oauth.ts";
import { buildTestApp } from "../../../../test/setup.ts";
import { talkdesk } from "../../../../test/talkdesk.ts";

describe("Talkdesk list links honour the public URL", async () => {
  const t = await buildTestApp({ publicUrl: "https://cases.example.com" });
  const token = await accessToken(t, await registerClient(t));
  test("hrefs start with the configured public URL", async () => {
    const res = await talkdesk(t, token, { method: "GET", url: "/core/va/cases?status=NEW" });
    assert.equal(
      res.json()._links.self.href,
      "https://cases.example.com/cm/core/va/cases?status=NEW&page=1&per_page=50",
    );
  });
});
