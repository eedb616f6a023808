import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { quoteIdent } from '../../sql/quote';
import { passthroughHandler } from '../../session/passthrough';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { parseVacuum, type VacuumCommand } from './vacuum-syntax';

/**
 * VACUUM as Redshift does it: the sort phase physically rewrites the table in SORTKEY order
 * (CLUSTER over a temporary index), the delete phase reclaims deleted rows (VACUUM FULL), each
 * skipped when the table is already at least `threshold` percent sorted / not deleted. A user
 * who neither owns the table nor is a superuser gets success with no effect.
 */
interface TableFacts {
  oid: number;
  qualified: string;
  owner: string;
  sortkeys: string[];
  interleaved: boolean;
  diststyle: string;
}

async function targetTables(context: StatementContext, command: VacuumCommand): Promise<TableFacts[]> {
  const { backend } = context;
  const base = `SELECT c.oid::int, quote_ident(n.nspname) || '.' || quote_ident(c.relname), pg_get_userbyid(c.relowner), coalesce(ta.sortkeys, '{}'),
           coalesce(ta.sortkey_type, '') = 'interleaved', upper(coalesce(ta.diststyle, 'AUTO'))
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN wl_sys.table_attrs ta ON ta.relid = c.oid
    WHERE c.relkind = 'r' AND c.relpersistence = 'p' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE 'wl\\_%'`;
  let rows: unknown[][];
  if (command.table) {
    const { schema, name, position } = command.table;
    const r = schema
      ? await backend.query(`${base} AND n.nspname = $1 AND c.relname = $2`, [schema, name])
      : await backend.query(`${base} AND c.oid = (SELECT to_regclass(quote_ident($1))::oid)`, [name]);
    if (!r.rows.length) throw new SqlError(SQLSTATE.undefinedTable, `relation "${schema ? `${schema}.` : ''}${name}" does not exist`, { position });
    rows = r.rows;
  } else {
    rows = (await backend.query(base)).rows;
  }
  return rows.map((r) => ({ oid: Number(r[0]), qualified: String(r[1]), owner: String(r[2]), sortkeys: r[3] as string[], interleaved: r[4] === true, diststyle: String(r[5]) }));
}

async function sortedPercent(context: StatementContext, table: TableFacts): Promise<number> {
  const r = await context.backend.query('SELECT wl_sys.unsorted_rows($1::regclass, $2), wl_sys.table_row_count($1::regclass)', [table.oid, table.sortkeys]);
  const unsorted = r.rows[0]![0] === null ? 0 : Number(r.rows[0]![0]);
  const total = Number(r.rows[0]![1]);
  return total === 0 ? 100 : 100 - (unsorted * 100) / total;
}

/**
 * Pending table statistics (the rows a DELETE just marked) are written at the end of a statement
 * once forced. Flushed before a rewrite and again before its ANALYZE, so the dead-row count ANALYZE
 * leaves can't be overtaken by counts still pending from earlier statements (which made
 * SVV_TABLE_INFO after VACUUM SORT ONLY show the deleted rows in some runs and not in others).
 */
async function flushStats(context: StatementContext): Promise<void> {
  await context.backend.query('SELECT pg_stat_force_next_flush()');
  await context.backend.query('SELECT 1');
}

/** Deleted rows not reclaimed yet: PostgreSQL's dead tuples plus those a sort-only rewrite kept count of. */
async function deletedRows(context: StatementContext, table: TableFacts): Promise<number> {
  return Number((await context.backend.query('SELECT wl_sys.deleted_rows($1)', [table.oid])).rows[0]![0]);
}

/** Live and deleted rows, read once so the threshold decision and the rows kept agree. */
async function rowCounts(context: StatementContext, table: TableFacts): Promise<{ live: number; dead: number }> {
  await flushStats(context);
  const live = Number((await context.backend.query('SELECT wl_sys.table_row_count($1::regclass)', [table.oid])).rows[0]![0]);
  return { live, dead: await deletedRows(context, table) };
}

async function vacuumTable(context: StatementContext, command: VacuumCommand, table: TableFacts): Promise<void> {
  const { backend } = context;
  const sorts = command.mode !== 'DELETE ONLY' && table.sortkeys.length > 0;
  // REINDEX re-analyzes an interleaved key, then runs a full VACUUM.
  const deletes = command.mode === 'FULL' || command.mode === 'DELETE ONLY' || command.mode === 'REINDEX';
  // 100 means always; 0 means never.
  const sortNeeded = sorts && command.threshold > 0 && (command.threshold === 100 || (await sortedPercent(context, table)) < command.threshold);
  const { live, dead } = await rowCounts(context, table);
  const notDeletedPercent = live + dead === 0 ? 100 : (live * 100) / (live + dead);
  const deleteNeeded = deletes && command.threshold > 0 && (command.threshold === 100 || notDeletedPercent < command.threshold);
  if (!sortNeeded && !deleteNeeded) return;
  // Both rewrites drop deleted rows; without a delete phase Redshift still has them.
  const kept = deleteNeeded ? 0 : dead;
  if (sortNeeded) {
    const index = `wl_vacuum_sort_${table.oid}`;
    await backend.query(`CREATE INDEX ${index} ON ${table.qualified} (${table.sortkeys.map(quoteIdent).join(', ')})`);
    try {
      await backend.query(`CLUSTER ${table.qualified} USING ${index}`);
    } finally {
      await backend.query(`DROP INDEX IF EXISTS ${table.qualified.split('.')[0]}.${index}`);
    }
  } else {
    await backend.query(`VACUUM FULL ${table.qualified}`);
  }
  await flushStats(context);
  await backend.query(`ANALYZE ${table.qualified}`);
  await backend.query('DELETE FROM wl_sys.unreclaimed_rows u WHERE u.relid = $1 OR NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = u.relid)', [table.oid]);
  if (kept > 0) {
    await backend.query('INSERT INTO wl_sys.unreclaimed_rows SELECT oid, relfilenode, $2 FROM pg_class WHERE oid = $1', [table.oid, kept]);
  }
}

export const vacuumHandler: StatementHandler = {
  name: 'vacuum',
  matches: (s) => s.words[0]?.kind === 'word' && s.words[0].text.toUpperCase() === 'VACUUM',
  async run(context) {
    const command = parseVacuum(context.statement);
    if (context.backend.inTransaction()) throw new SqlError(SQLSTATE.activeSqlTransaction, 'VACUUM cannot run inside a transaction block');
    const user = context.session.currentUser;
    const superuser = (await context.services.userInfo(user))?.superuser === true;
    await context.asAdmin(async () => {
      const tables = await targetTables(context, command);
      if (command.mode === 'RECLUSTER' && (tables[0]!.interleaved || tables[0]!.diststyle === 'ALL')) {
        throw new SqlError(SQLSTATE.featureNotSupported, 'VACUUM RECLUSTER is not supported for tables with an interleaved sort key or DISTSTYLE ALL', { position: command.table!.position });
      }
      for (const table of tables) {
        if (!superuser && table.owner !== user) continue; // "completes successfully but has no effect"
        await vacuumTable(context, command, table);
      }
    });
    return context.done('VACUUM');
  },
};

/** Reading SVV_TABLE_INFO: flush the statistics first so deleted and modified rows show at once. */
export const tableInfoFreshStats: StatementHandler = {
  name: 'svv-table-info-stats',
  matches: (s) => s.words.some((w) => w.kind === 'word' && w.text.toLowerCase() === 'svv_table_info'),
  async run(context) {
    await context.asAdmin(() => context.backend.query('SELECT pg_stat_force_next_flush()'));
    return passthroughHandler.run(context);
  },
};
