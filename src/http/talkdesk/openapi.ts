/** The OpenAPI 3.1 description of the Talkdesk dialect and its token endpoint, served at /cm/openapi.json. */
import type { CLIENT_SCOPES } from "../../domain/oauth/scopes.ts";
import { dialectDocument } from "../openapi.ts";

export const TALKDESK_DOCUMENT_PATH = "/cm/openapi.json";

const SCOPE_TEXT: Record<(typeof CLIENT_SCOPES)[number], string> = {
  "cases-public:read": "list and read cases, a contact's newest case",
  "cases-public:write": "create, update and delete cases",
  "case-notes-public:write": "edit notes",
  "case-fields-public:read": "read the case field definitions",
};

export const talkdeskDocument = (full: Record<string, unknown>) =>
  dialectDocument(full, {
    prefixes: ["/cm/", "/oauth/"],
    head: {
      info: {
        title: "Casework: the Talkdesk Case API dialect",
        version: "1",
        description:
          "Talkdesk Case API endpoints over Casework's cases. Get a token from `POST /oauth/token` (client " +
          "credentials, HTTP Basic or a signed client assertion) and send it as `Authorization: Bearer <token>`. " +
          "Casework API keys are accepted as bearer tokens too.",
      },
      securitySchemes: {
        oauth: {
          type: "oauth2",
          flows: { clientCredentials: { tokenUrl: "/oauth/token", scopes: SCOPE_TEXT } },
        },
      },
      security: [{ oauth: [] }],
    },
  });
