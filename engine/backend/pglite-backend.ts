import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { BackendNotice, RawResult, SqlBackend } from './backend';
import { quoteIdent } from '../sql/quote';
import { Mutex } from '../util/mutex';
import { valueParsers } from './value-parsers';

/** The bootstrap superuser PGlite's connection belongs to (hidden from students). */
export const INTERNAL_SUPERUSER = 'postgres';

export interface PgliteOpenOptions {
  /** PGlite data dir: a path in Node, `idb://name` in a browser, undefined for memory. */
  dataDir?: string;
  /** A data-dir tarball to start from (memory and IndexedDB workspaces). */
  loadDataDir?: Blob;
  database: string;
  /** Already compiled / fetched PGlite assets (a browser host starts these early, in parallel). */
  pgliteWasmModule?: PGliteOptions['pgliteWasmModule'];
  fsBundle?: PGliteOptions['fsBundle'];
  /** A file system PGlite should use instead of the one `dataDir`'s scheme names. */
  fs?: PGliteOptions['fs'];
  /**
   * Statements return before their changes reach storage (flushed in order, in the background; a
   * crash may lose the last moments of work, never consistency). close() waits for every flush.
   */
  relaxedDurability?: boolean;
}

/** PGlite's MEMFS-frontend file systems (memfs2opfs) queue their flushes: this awaits the queue. */
interface QueuedFlushFs {
  syncToFs(relaxedDurability?: boolean): Promise<void>;
}

/** The embedded backend: one PGlite instance, one connection, identities switched per statement. */
export class PgliteBackend implements SqlBackend {
  private readonly mutex = new Mutex();
  private currentIdentity: string | null = null;
  /** The user's search_path while the internal superuser works with a pinned one. */
  private userSearchPath: string | null = null;

  private constructor(readonly db: PGlite) {}

  static async open(options: PgliteOpenOptions): Promise<PgliteBackend> {
    const pgOptions: PGliteOptions = { database: options.database, parsers: valueParsers, relaxedDurability: options.relaxedDurability ?? false };
    if (options.dataDir) pgOptions.dataDir = options.dataDir;
    if (options.loadDataDir) pgOptions.loadDataDir = options.loadDataDir;
    if (options.pgliteWasmModule) pgOptions.pgliteWasmModule = options.pgliteWasmModule;
    if (options.fsBundle) pgOptions.fsBundle = options.fsBundle;
    if (options.fs) pgOptions.fs = options.fs;
    const db = await PGlite.create(pgOptions);
    return new PgliteBackend(db);
  }

  get identity(): string | null {
    return this.currentIdentity;
  }

  async query(sql: string, params: unknown[] = [], options: { onNotice?: (notice: BackendNotice) => void } = {}): Promise<RawResult> {
    const { onNotice } = options;
    const result = await this.db.query<unknown[]>(sql, params, { rowMode: 'array', ...(onNotice ? { onNotice: (n) => onNotice({ severity: n.severity ?? 'NOTICE', message: n.message ?? '' }) } : {}) });
    return {
      fields: result.fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID })),
      rows: result.rows,
      // PGlite counts only INSERT/UPDATE/DELETE/COPY rows; CREATE TABLE AS and SELECT INTO report
      // theirs in the command tag ("SELECT 667"), which PGlite keeps as rowCount.
      affectedRows: result.affectedRows || (result.fields.length === 0 ? ((result as { rowCount?: number }).rowCount ?? 0) : 0),
    };
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  /**
   * Always issues the SET: a ROLLBACK can undo an earlier switch behind our back. Internal superuser
   * work runs with `search_path = pg_catalog, pg_temp`, so that no function, operator or table a
   * student created in a schema of their search_path can be picked up with superuser rights; the
   * user's search_path comes back when the user does.
   */
  async setIdentity(user: string | null): Promise<void> {
    try {
      if (user === null) {
        if (this.userSearchPath === null) {
          const shown = await this.db.query<{ search_path: string }>('SHOW search_path');
          this.userSearchPath = shown.rows[0]?.search_path ?? '"$user", public';
        }
        // RESET SESSION AUTHORIZATION is a no-op in PGlite's single-user backend: name the superuser.
        await this.db.exec(`SET SESSION AUTHORIZATION ${INTERNAL_SUPERUSER}; SET search_path = pg_catalog, pg_temp`);
      } else {
        const restore = this.userSearchPath === null ? '' : `; SET search_path = ${this.userSearchPath}`;
        await this.db.exec(`SET SESSION AUTHORIZATION ${quoteIdent(user)}${restore}`);
        this.userSearchPath = null;
      }
    } catch (e) {
      // In an aborted transaction only ROLLBACK/COMMIT can run (and they need no identity): let them through.
      if ((e as { code?: string }).code === '25P02') return;
      throw e;
    }
    this.currentIdentity = user;
  }

  /** After the internal superuser applied a session's own settings: keep them as the user's. */
  async adoptUserSettings(): Promise<void> {
    this.userSearchPath = null;
    await this.setIdentity(null);
  }

  async copyFromCsv(table: string, columns: string[], csv: string): Promise<number> {
    const cols = columns.map(quoteIdent).join(', ');
    const result = await this.db.query(`COPY ${table} (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
    return result.affectedRows ?? 0;
  }

  inTransaction(): boolean {
    return this.db.isInTransaction();
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.mutex.run(work);
  }

  writeServerFile(path: string, data: Uint8Array | string): void {
    const dir = path.slice(0, path.lastIndexOf('/'));
    if (dir) this.db.Module.FS.mkdirTree(dir);
    this.db.Module.FS.writeFile(path, data);
  }

  removeServerFile(path: string): void {
    try {
      this.db.Module.FS.unlink(path);
    } catch {
      // already gone
    }
  }

  readServerFile(path: string): Uint8Array | undefined {
    try {
      return this.db.Module.FS.readFile(path) as Uint8Array;
    } catch {
      return undefined;
    }
  }

  /** A tarball of the data dir (used for browser templates and snapshots). */
  dumpDataDir(): Promise<Blob> {
    return this.db.dumpDataDir('none');
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }

  /** Resolves once everything done so far is in storage. */
  async persisted(): Promise<void> {
    const fs = (this.db as unknown as { fs?: Partial<QueuedFlushFs> }).fs;
    if (typeof fs?.syncToFs === 'function') await fs.syncToFs(false);
  }
}
