import assert from "node:assert/strict";
import { test } from "node:test";
import { JWT_BEARER, readTokenRequest } from "./token-request.ts";

const basic = { clientId: "c", secret: "s" };

test("only client_credentials is granted", () => {
  assert.deepEqual(readTokenRequest({ basic }), {
    error: "invalid_request",
    description: "grant_type is required.",
  });
  assert.equal(
    (readTokenRequest({ grant_type: "password", basic }) as { error: string }).error,
    "unsupported_grant_type",
  );
});

test("the client proves itself one way: Basic, a posted secret or an assertion", () => {
  const grant_type = "client_credentials";
  assert.deepEqual(readTokenRequest({ grant_type, basic }), { kind: "secret", clientId: "c", secret: "s" });
  assert.deepEqual(readTokenRequest({ grant_type, client_id: "c", client_secret: "s" }), {
    kind: "secret",
    clientId: "c",
    secret: "s",
  });
  assert.deepEqual(
    readTokenRequest({ grant_type, client_assertion_type: JWT_BEARER, client_assertion: "x.y.z" }),
    {
      kind: "assertion",
      clientId: undefined,
      assertion: "x.y.z",
    },
  );
  const codes = [
    readTokenRequest({ grant_type }),
    readTokenRequest({ grant_type, basic, client_secret: "s", client_id: "c" }),
    readTokenRequest({ grant_type, client_assertion_type: "urn:other", client_assertion: "x" }),
    readTokenRequest({ grant_type, client_secret: "s" }),
  ].map((result) => (result as { error: string }).error);
  assert.deepEqual(codes, ["invalid_client", "invalid_request", "invalid_client", "invalid_request"]);
});
