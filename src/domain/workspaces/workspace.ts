/** A workspace: one tenant, with its own cases, people and settings. */

export interface Workspace {
  id: number;
  slug: string;
  name: string;
  resolutionRequired: boolean;
  closeDelaySeconds: number;
  createdAt: Date;
}
