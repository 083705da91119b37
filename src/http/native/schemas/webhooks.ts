/** Wire schemas of webhook subscriptions, their deliveries and attempts, and the event stream's query. */
import { Type } from "typebox";
import { TOPICS } from "../../../domain/events/topics.ts";
import { Id, Nullable, Timestamp } from "./common.ts";

const Topics = Type.Array(Type.String({ maxLength: 100 }), {
  minItems: 1,
  maxItems: 50,
  description: `Topics to receive: ${TOPICS.join(", ")}; or "<object>.*", or "*" for all.`,
  examples: [["case.created", "case.status_changed", "timeline.added"]],
});

const Url = Type.String({
  maxLength: 2000,
  description: "https target (http and private addresses only where allowed)",
});

export const Webhook = Type.Object(
  {
    id: Id,
    url: Type.String(),
    topics: Type.Array(Type.String()),
    active: Type.Boolean(),
    description: Type.String(),
    status: Type.Union([Type.Literal("healthy"), Type.Literal("failing")], {
      description: "failing once a delivery failed for good, until one succeeds again",
    }),
    failingSince: Nullable(Timestamp),
    lastError: Nullable(Type.String()),
    lastSuccessAt: Nullable(Timestamp),
    previousSecretValidUntil: Nullable(Timestamp),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: "Webhook" },
);

export const WebhookWithSecret = Type.Object(
  {
    ...Webhook.properties,
    secret: Type.String({ description: "The signing secret (whsec_…); shown only in this response" }),
  },
  { $id: "WebhookWithSecret" },
);

export const WebhookCreate = Type.Object(
  {
    url: Url,
    topics: Topics,
    active: Type.Optional(Type.Boolean()),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  {
    examples: [
      {
        url: "https://hooks.example.com/casework",
        topics: ["case.created", "case.status_changed"],
        description: "Ticket mirror",
      },
    ],
    additionalProperties: false,
  },
);

export const WebhookPatch = Type.Object(
  {
    url: Type.Optional(Url),
    topics: Type.Optional(Topics),
    active: Type.Optional(Type.Boolean()),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { examples: [{ active: false }], additionalProperties: false, minProperties: 1 },
);

export const SecretRotation = Type.Object(
  {
    overlapSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 7 * 86_400,
        default: 86_400,
        description: "How long the old secret keeps signing beside the new one",
      }),
    ),
  },
  { examples: [{ overlapSeconds: 3600 }], additionalProperties: false },
);

export const Delivery = Type.Object(
  {
    id: Id,
    eventId: Type.String(),
    subject: Type.String({ examples: ["case:42"] }),
    state: Type.Union([Type.Literal("pending"), Type.Literal("delivered"), Type.Literal("failed")]),
    attempts: Type.Integer({ description: "Tries in the current round" }),
    nextAttemptAt: Nullable(Timestamp),
    lastError: Nullable(Type.String()),
    createdAt: Timestamp,
    finishedAt: Nullable(Timestamp),
  },
  { $id: "Delivery" },
);

export const Attempt = Type.Object(
  {
    id: Id,
    deliveryId: Id,
    eventId: Type.String(),
    at: Timestamp,
    status: Nullable(Type.Integer({ description: "The receiver's HTTP status; null when none came" })),
    latencyMs: Type.Integer(),
    error: Nullable(Type.String()),
  },
  { $id: "Attempt" },
);

const Before = Type.String({ pattern: "^[1-9][0-9]{0,15}$", description: "Only items with a smaller id" });
const Limit = Type.Integer({ minimum: 1, maximum: 500, default: 50 });

export const DeliveryQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Union([Type.Literal("pending"), Type.Literal("delivered"), Type.Literal("failed")]),
    ),
    before: Type.Optional(Before),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const AttemptQuery = Type.Object(
  { before: Type.Optional(Before), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);

export const DeliveryParams = Type.Object({ id: Type.String(), deliveryId: Type.String() });

export const StreamQuery = Type.Object(
  {
    topics: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: "Comma-separated topics or patterns",
        examples: ["case.*"],
      }),
    ),
    case: Type.Optional(
      Type.String({ maxLength: 40, description: "Only this case's events (its native id)" }),
    ),
  },
  { additionalProperties: false },
);
