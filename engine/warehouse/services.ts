import type { SqlBackend } from '../backend/backend';
import type { TypeNames } from '../catalog/type-names';
import type { WorkspaceStore } from '../workspace/workspace-store';
import type { QueryHistory } from '../session/query-history';

/** What the warehouse shares with every session and statement handler. */
export interface WarehouseServices {
  readonly backend: SqlBackend;
  readonly typeNames: TypeNames;
  readonly store: WorkspaceStore;
  readonly history: QueryHistory;
  /** Whether a database user exists and is a superuser (undefined: no such user). */
  userInfo(name: string): Promise<{ superuser: boolean } | undefined>;
  /** Forget cached user facts after CREATE/ALTER/DROP USER. */
  invalidateUsers(): void;
  /** Feature state (S3, catalog, snapshots, models …) keyed by feature name. */
  readonly features: Map<string, unknown>;
}
