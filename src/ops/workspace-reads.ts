/**
 * Shared reads of a workspace's settings and of its field definitions, which most responses are presented
 * with: the asks of one workspace (and, for definitions, one object and one visibility) made in one turn of
 * the event loop are one query (see `turn-reads.ts`). Nothing is cached.
 */
import type { FieldDefinition, FieldObject } from "../domain/fields/definition.ts";
import type { Visibility } from "../domain/policy.ts";
import type { Workspace } from "../domain/workspaces/workspace.ts";
import type { Sql } from "../store/db.ts";
import { listDefinitions } from "../store/fields.ts";
import { findWorkspace } from "../store/workspaces.ts";
import { readByTurn } from "./turn-reads.ts";

export interface WorkspaceReads {
  /** Null when it does not exist. */
  settings(workspaceId: number): Promise<Workspace | null>;
  /** As `listDefinitions` answers. */
  definitions(
    workspaceId: number,
    object: FieldObject | undefined,
    visible: Visibility<"field">,
  ): Promise<FieldDefinition[]>;
}

interface DefinitionsOf {
  workspaceId: number;
  object: FieldObject | undefined;
  visible: Visibility<"field">;
}

export function workspaceReads(db: Sql): WorkspaceReads {
  const settings = readByTurn(String, async (workspaceId: number, asks: null[]) => {
    const found = await findWorkspace(db, { id: workspaceId });
    return asks.map(() => found);
  });
  const definitions = readByTurn(
    (of: DefinitionsOf) => `${of.workspaceId} ${of.object ?? "*"} ${JSON.stringify(of.visible)}`,
    async (of: DefinitionsOf, asks: null[]) => {
      const found = await listDefinitions(db, of.workspaceId, of.object, of.visible);
      // Each caller has its own list.
      return asks.map(() => [...found]);
    },
  );
  return {
    settings: (workspaceId) => settings(workspaceId, null),
    definitions: (workspaceId, object, visible) => definitions({ workspaceId, object, visible }, null),
  };
}
