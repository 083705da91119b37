import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadConfig } from "./config.ts";

describe("loadConfig", () => {
  test("CASEWORK_PUBLIC_URL is an http(s) base URL, kept without its trailing slash; unset, it is undefined", () => {
    assert.equal(loadConfig({}).publicUrl, undefined);
    assert.equal(
      loadConfig({ CASEWORK_PUBLIC_URL: "https://cases.example.com/" }).publicUrl,
      "https://cases.example.com",
    );
    for (const bad of ["cases.example.com", "ftp://cases.example.com", "https://cases.example.com/?x=1"])
      assert.throws(() => loadConfig({ CASEWORK_PUBLIC_URL: bad }), /CASEWORK_PUBLIC_URL/);
  });

  test("CASEWORK_CORS_ORIGINS is a comma-separated list of origins or *; unset, none", () => {
    assert.deepEqual(loadConfig({}).corsOrigins, []);
    assert.deepEqual(
      loadConfig({ CASEWORK_CORS_ORIGINS: "https://app.example.com, http://localhost:3000" }).corsOrigins,
      ["https://app.example.com", "http://localhost:3000"],
    );
    assert.deepEqual(loadConfig({ CASEWORK_CORS_ORIGINS: "*" }).corsOrigins, ["*"]);
    for (const bad of ["app.example.com", "https://app.example.com/path"])
      assert.throws(() => loadConfig({ CASEWORK_CORS_ORIGINS: bad }), /CASEWORK_CORS_ORIGINS/);
  });
});
