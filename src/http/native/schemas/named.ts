/**
 * The native API's named schemas: registered once on the app, referenced by routes by their `$id`, and
 * listed by those names under `components.schemas` of the OpenAPI document.
 */
import type { TSchema } from "typebox";
import { Account, Field, Key, KeyCreated, Me, Queue, User, WorkspaceSettings } from "./admin.ts";
import { AuditRecord, Case, CaseCounts, CaseCreated, Entry } from "./cases.ts";
import { Problem } from "./common.ts";
import { Contact } from "./contacts.ts";
import { Client, ClientCreated } from "./oauth-clients.ts";
import { Attempt, Delivery, Webhook, WebhookWithSecret } from "./webhooks.ts";

export const NATIVE_SCHEMAS: readonly TSchema[] = [
  Problem,
  Case,
  CaseCreated,
  CaseCounts,
  Entry,
  AuditRecord,
  Contact,
  Queue,
  User,
  Me,
  Account,
  Field,
  Key,
  KeyCreated,
  WorkspaceSettings,
  Client,
  ClientCreated,
  Webhook,
  WebhookWithSecret,
  Delivery,
  Attempt,
];
