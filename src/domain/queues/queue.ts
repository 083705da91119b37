/** A queue: where cases wait for a team, possibly internal to operations or owned by an account. */

export interface Queue {
  id: number;
  name: string;
  description: string;
  externalId: string | null;
  ownerAccountId: number | null;
  internal: boolean;
  active: boolean;
  isDefault: boolean;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What an administrator sets on a queue; the rest is the store's bookkeeping. */
export type QueueFields = Omit<Queue, "id" | "revision" | "createdAt" | "updatedAt">;
