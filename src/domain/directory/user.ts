/** A user: a person who works in a workspace, on behalf of one account. */

export interface User {
  id: number;
  accountId: number;
  email: string;
  name: string;
  active: boolean;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}
