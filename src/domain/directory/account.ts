/** An account: the organisation a user works for, and which side of the work it is on. */
import type { AccountType } from "../access.ts";

export interface Account {
  id: number;
  name: string;
  type: AccountType;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}
