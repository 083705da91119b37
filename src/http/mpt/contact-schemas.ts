/** Notifications contacts on the wire: what clients send (read-only echoes ignored) and read back. */
import { Type } from "typebox";
import { Audit, Echo, Text } from "./schemas.ts";

const contactWritable = {
  name: Text(255),
  firstName: Text(255),
  lastName: Text(255),
  email: Type.Union([Type.String({ maxLength: 320 }), Type.Null()]),
  /** The notification categories the contact opted out of, by name. */
  optOuts: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
};

export const ContactWrite = Type.Partial(
  Type.Object(
    { ...contactWritable, id: Echo, status: Echo, audit: Echo, revision: Echo },
    { additionalProperties: false },
  ),
  { additionalProperties: false },
);

export const ContactObject = Type.Object({
  id: Type.String({ examples: ["CTT-0000-0000-0012"] }),
  revision: Type.Integer(),
  name: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal("Active"), Type.Literal("Blocked")]),
  optOuts: Type.Array(Type.String()),
  audit: Audit,
});
