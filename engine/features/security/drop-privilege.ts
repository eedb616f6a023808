import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { passthroughHandler } from '../../session/passthrough';
import type { StatementHandler } from '../../session/statement-handler';
import { asSecurityAdmin, queryAsUser } from './catalog-access';
import { startsWithWords, WordCursor } from './word-cursor';

/**
 * Redshift's DROP privilege lets a non-owner drop a table. PostgreSQL has no such privilege, so
 * GRANT DROP is recorded in wl_sys.drop_grants and DROP TABLE by a holder runs as the superuser.
 */
const dropTable: StatementHandler = {
  name: 'drop-table-privilege',
  matches: (s) => startsWithWords(s, 'DROP', 'TABLE'),
  async run(context) {
    const me = context.session.currentUser;
    if ((await context.services.userInfo(me))?.superuser) return passthroughHandler.run(context);
    const cursor = new WordCursor(context.statement);
    cursor.expect('DROP', 'TABLE');
    const ifExists = cursor.accept('IF', 'EXISTS');
    const names: Array<{ text: string; at: number }> = [];
    do names.push(cursor.qualifiedName());
    while (cursor.acceptOp(','));
    const cascade = cursor.accept('CASCADE');
    if (!cascade) cursor.accept('RESTRICT');
    cursor.expectEnd();
    const targets: Array<{ oid: number; owned: boolean; text: string; at: number }> = [];
    for (const n of names) {
      const rows = await queryAsUser(context, `SELECT c.oid::int, pg_catalog.pg_has_role(c.relowner, 'USAGE') FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass($1) AND c.relkind IN ('r','p','f')`, [n.text]);
      if (!rows.length) return passthroughHandler.run(context); // PostgreSQL reports missing tables (or skips with IF EXISTS)
      targets.push({ oid: Number(rows[0]![0]), owned: rows[0]![1] === true, ...n });
    }
    if (targets.every((t) => t.owned)) return passthroughHandler.run(context);
    return asSecurityAdmin(context, async (q) => {
      const sqlNames: string[] = [];
      for (const t of targets) {
        const allowed = t.owned
          ? [[true]]
          : await q(
              `SELECT 1 FROM wl_sys.drop_grants g WHERE g.relid = $1
                 AND (g.grantee = 'PUBLIC' OR pg_catalog.pg_has_role($2, g.grantee, 'USAGE'))`,
              [t.oid, me],
            );
        if (!allowed.length) throw new SqlError(SQLSTATE.insufficientPrivilege, `must be owner of relation ${t.text}`, { position: t.at });
        sqlNames.push(String((await q('SELECT $1::oid::regclass::text', [t.oid]))[0]![0]));
      }
      await context.atomic(async () => {
        await q(`DROP TABLE ${ifExists ? 'IF EXISTS ' : ''}${sqlNames.join(', ')}${cascade ? ' CASCADE' : ''}`);
        await q('DELETE FROM wl_sys.drop_grants WHERE relid = ANY($1::oid[])', [targets.map((t) => t.oid)]);
      });
      return context.done('DROP TABLE');
    });
  },
};

export const dropPrivilegeHandlers: StatementHandler[] = [dropTable];
