import type { ExecuteOptions, QueryResult, SqlValue } from '../api/types';
import type { BackendNotice } from '../backend/backend';
import { fromPgError } from '../errors/sql-error';
import type { Statement } from '../sql/splitter';
import type { WarehouseServices } from '../warehouse/services';
import { commandTag } from './command-tag';
import { handlerAfter } from './handlers';
import type { SessionState, StatementContext } from './statement-handler';

let savepointCounter = 0;

/** The engine's own schemas (wl_sys, wl_spectrum …) and objects. */
const INTERNAL_NAME = /\bwl_/;

export function createContext(
  statement: Statement,
  options: ExecuteOptions,
  services: WarehouseServices,
  session: SessionState,
): StatementContext {
  const { backend } = services;
  const base = (command: string): QueryResult => ({
    sql: statement.text,
    command,
    columns: [],
    rows: [],
    rowCount: 0,
    truncated: false,
    notices: [],
    elapsedMs: 0,
    queryId: 0,
  });

  const context: StatementContext = {
    statement,
    options,
    backend,
    services,
    session,

    async runAsUser(sql, mapPosition = (offset) => offset) {
      await backend.setIdentity(session.currentUser);
      let raw;
      const notices: string[] = [];
      // PostgreSQL's own messages (`NOTICE:  table "t" does not exist, skipping`), as psql shows them;
      // not those naming the engine's internal schemas, which only the rewriting put there.
      const onNotice = (n: BackendNotice) => {
        if (!INTERNAL_NAME.test(n.message)) notices.push(`${n.severity}:  ${n.message}`);
      };
      try {
        raw = await backend.query(sql, [], { onNotice });
      } catch (e) {
        throw fromPgError(e, (pos) => mapPosition(pos - 1) + 1);
      }
      await services.typeNames.ensure(
        raw.fields.map((f) => f.typeOid),
        async (oids) => (await backend.query('SELECT oid::int, pg_catalog.format_type(oid, NULL) FROM pg_catalog.pg_type WHERE oid OPERATOR(pg_catalog.=) ANY($1::pg_catalog.oid[])', [oids])).rows as Array<[number, string]>,
      );
      const command = commandTag(statement);
      const result = base(command);
      result.columns = raw.fields.map((f) => ({ name: f.name, type: services.typeNames.nameOf(f.typeOid), typeOid: f.typeOid }));
      result.rows = raw.rows as SqlValue[][];
      result.rowCount = raw.fields.length > 0 ? raw.rows.length : raw.affectedRows;
      result.notices.push(...notices);
      return result;
    },

    handOn(self) {
      return handlerAfter(self, statement).run(context);
    },

    async asAdmin(work) {
      await backend.setIdentity(null);
      try {
        return await work();
      } finally {
        await backend.setIdentity(session.currentUser);
      }
    },

    async atomic(work) {
      if (backend.inTransaction()) {
        const name = `wl_atomic_${++savepointCounter}`;
        await backend.exec(`SAVEPOINT ${name}`);
        try {
          const value = await work();
          await backend.exec(`RELEASE SAVEPOINT ${name}`);
          return value;
        } catch (e) {
          await backend.exec(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
          throw e;
        }
      }
      await backend.exec('BEGIN');
      try {
        const value = await work();
        await backend.exec('COMMIT');
        return value;
      } catch (e) {
        await backend.exec('ROLLBACK');
        throw e;
      }
    },

    done(command, rowCount = 0) {
      const result = base(command);
      result.rowCount = rowCount;
      return result;
    },

    rows(command, columns, rows) {
      const result = base(command);
      result.columns = columns.map((c) => ({ name: c.name, type: c.type, typeOid: 0 }));
      result.rows = rows as SqlValue[][];
      result.rowCount = rows.length;
      return result;
    },
  };
  return context;
}
