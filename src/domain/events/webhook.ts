/** A webhook subscription: where events go, which topics, and the signing secrets it holds. */

export interface Webhook {
  id: number;
  workspaceId: number;
  url: string;
  topics: string[];
  active: boolean;
  description: string;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  failingSince: Date | null;
  lastError: string | null;
  lastSuccessAt: Date | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export type WebhookFields = Pick<Webhook, "url" | "topics" | "active" | "description">;
