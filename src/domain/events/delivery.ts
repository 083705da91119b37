/** A delivery of one event to one subscription, and each attempt at it, as the admin sees them. */

export interface AttemptResult {
  at: Date;
  status: number | null;
  latencyMs: number;
  error: string | null;
}

export interface Delivery {
  id: number;
  eventId: number;
  subject: string;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface Attempt extends AttemptResult {
  id: number;
  deliveryId: number;
  eventId: number;
}
