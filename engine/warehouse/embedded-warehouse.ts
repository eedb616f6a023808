import { ADMIN_USER, type Session, type Warehouse } from '../api/types';
import type { SqlBackend } from '../backend/backend';
import { TypeNames } from '../catalog/type-names';
import { SqlError, SQLSTATE } from '../errors/sql-error';
import { ConnectionArbiter } from '../session/connection-arbiter';
import { QueryHistory } from '../session/query-history';
import { EmbeddedSession } from '../session/session';
import { bootstrapSql, bootstrapVersion } from '../template/bootstrap-sql';
import type { WorkspaceStore } from '../workspace/workspace-store';
import type { WarehouseServices } from './services';
import { workspaceOpenHooks } from '../features/open-hooks';

/** What we keep about a workspace besides its database. */
export interface WorkspaceMeta {
  format: 1;
  createdAt: string;
  seeded: boolean;
  bootstrapVersion: string;
}

export const WORKSPACE_META = 'workspace.json';

/** The embedded warehouse: Redshift's front end over one PGlite database. */
export class EmbeddedWarehouse implements Warehouse, WarehouseServices {
  readonly typeNames = new TypeNames();
  readonly history = new QueryHistory();
  readonly features = new Map<string, unknown>();
  private readonly arbiter: ConnectionArbiter;
  private readonly userCache = new Map<string, { superuser: boolean } | undefined>();
  private readonly sessions = new Set<EmbeddedSession>();
  private closed = false;

  private constructor(
    readonly backend: SqlBackend,
    readonly store: WorkspaceStore,
    readonly name: string,
  ) {
    this.arbiter = new ConnectionArbiter(backend, this.history);
  }

  /** Wraps an open backend: upgrades its bootstrap objects if they are older than this code. */
  static async start(backend: SqlBackend, store: WorkspaceStore, name: string): Promise<EmbeddedWarehouse> {
    const warehouse = new EmbeddedWarehouse(backend, store, name);
    await warehouse.arbiter.asSystem(async () => {
      const meta = await store.readJson<WorkspaceMeta>(WORKSPACE_META);
      const version = bootstrapVersion();
      if (!meta || meta.bootstrapVersion !== version) {
        await backend.exec(bootstrapSql());
        await store.writeJson(WORKSPACE_META, {
          format: 1,
          createdAt: meta?.createdAt ?? new Date().toISOString(),
          seeded: meta?.seeded ?? false,
          bootstrapVersion: version,
        } satisfies WorkspaceMeta);
      }
      await warehouse.history.init(backend);
      await backend.exec('DELETE FROM wl_sys.sessions');
    });
    for (const hook of workspaceOpenHooks) await hook(warehouse);
    return warehouse;
  }

  async session(user: string = ADMIN_USER): Promise<Session> {
    if (this.closed) throw new SqlError('08003', 'the warehouse is closed');
    const info = await this.userInfo(user);
    if (!info) throw new SqlError(SQLSTATE.invalidAuthorization, `user "${user}" does not exist`);
    const session = new EmbeddedSession(user, info.superuser, this, this.arbiter);
    this.sessions.add(session);
    await this.arbiter.asSystem(() =>
      this.backend.query('INSERT INTO wl_sys.sessions (session_id, user_name) VALUES ($1, $2)', [session.id, user]),
    );
    const close = session.close.bind(session);
    session.close = async () => {
      await close();
      this.sessions.delete(session);
      if (!this.closed) await this.arbiter.asSystem(() => this.backend.query('DELETE FROM wl_sys.sessions WHERE session_id = $1', [session.id]));
    };
    return session;
  }

  async userInfo(name: string): Promise<{ superuser: boolean } | undefined> {
    if (this.userCache.has(name)) return this.userCache.get(name);
    // Not through the arbiter: handlers call this while they hold the connection, and pg_roles is
    // readable by every identity.
    const r = await this.backend.query('SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) $1 AND rolcanlogin', [name]);
    const info = r.rows.length ? { superuser: r.rows[0]![0] === true } : undefined;
    this.userCache.set(name, info);
    return info;
  }

  invalidateUsers(): void {
    this.userCache.clear();
  }

  async users(): Promise<{ name: string; superuser: boolean }[]> {
    const r = await this.arbiter.asSystem(() =>
      this.backend.query("SELECT rolname, rolsuper FROM pg_catalog.pg_roles WHERE rolcanlogin AND rolname <> 'postgres' ORDER BY rolname"),
    );
    return r.rows.map((row) => ({ name: String(row[0]), superuser: row[1] === true }));
  }

  /** Runs internal work as the backend superuser with the connection to itself. */
  runAsSystem<T>(work: (backend: SqlBackend) => Promise<T>): Promise<T> {
    return this.arbiter.asSystem(() => work(this.backend));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const session of [...this.sessions]) await session.close();
    this.closed = true;
    await this.arbiter.flush();
    await this.backend.close();
  }
}
