/**
 * GRANT / REVOKE CREATE MODEL TO|FROM { user [WITH GRANT OPTION] | ROLE r | GROUP g | PUBLIC } and
 * GRANT / REVOKE { EXECUTE | ALL [PRIVILEGES] } ON MODEL m [, …] TO|FROM …  (reference §7). The
 * model's EXECUTE becomes EXECUTE on its prediction functions; who holds it is recorded so that the
 * functions compiled when training finishes get the same grants.
 */
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import type { Statement } from '../../sql/splitter';
import { keyword } from '../../sql/tokenizer';
import { asSecurityAdmin } from '../security/catalog-access';
import { parseGrantees, validateGrantees, type Grantee } from '../security/principals';
import { WordCursor } from '../security/word-cursor';
import { MlRuntime } from './ml-runtime';
import { requireModel, type ModelRow } from './model-lookup';
import { mayGrantCreateModel, ownsModel } from './model-privileges';
import { grantExecute } from './prediction-functions';

function isModelPrivilegeStatement(s: Statement): boolean {
  const first = keyword(s.words[0]);
  if (first !== 'GRANT' && first !== 'REVOKE') return false;
  const w = s.words.map((t) => keyword(t));
  const start = first === 'REVOKE' && w[1] === 'GRANT' && w[2] === 'OPTION' && w[3] === 'FOR' ? 4 : 1;
  if (w[start] === 'CREATE' && w[start + 1] === 'MODEL') return true;
  const on = w.indexOf('ON');
  return on > 0 && w[on + 1] === 'MODEL';
}

async function run(context: StatementContext) {
  const cursor = new WordCursor(context.statement);
  const grant = cursor.accept('GRANT');
  if (!grant) cursor.expect('REVOKE');
  const grantOptionOnly = !grant && cursor.accept('GRANT', 'OPTION', 'FOR');
  const user = context.session.currentUser;
  if (cursor.accept('CREATE', 'MODEL')) {
    cursor.expect(grant ? 'TO' : 'FROM');
    const grantees = parseGrantees(cursor, { grantOption: grant });
    cursor.expectEnd();
    await asSecurityAdmin(context, async (q) => {
      if (!(await mayGrantCreateModel(q, user))) throw new SqlError(SQLSTATE.insufficientPrivilege, 'permission denied to grant CREATE MODEL');
      await validateGrantees(q, grantees);
      await context.atomic(async () => {
        for (const g of grantees) {
          if (grant) {
            await q(
              `INSERT INTO wl_sys.ml_create_model_grants (grantee_kind, grantee, with_grant_option) VALUES ($1, $2, $3)
               ON CONFLICT (grantee_kind, grantee) DO UPDATE SET with_grant_option = wl_sys.ml_create_model_grants.with_grant_option OR EXCLUDED.with_grant_option`,
              [g.kind, g.name, g.grantOption],
            );
          } else if (grantOptionOnly) {
            await q('UPDATE wl_sys.ml_create_model_grants SET with_grant_option = false WHERE grantee_kind = $1 AND grantee = $2', [g.kind, g.name]);
          } else {
            await q('DELETE FROM wl_sys.ml_create_model_grants WHERE grantee_kind = $1 AND grantee = $2', [g.kind, g.name]);
          }
        }
      });
    });
    return context.done(grant ? 'GRANT' : 'REVOKE');
  }
  const privilegeAt = cursor.position();
  if (!cursor.accept('EXECUTE') && !cursor.accept('ALL')) {
    const word = cursor.peek()?.text ?? '';
    throw new SqlError(SQLSTATE.syntaxError, `invalid privilege type ${word.toUpperCase()} for model`, { position: privilegeAt });
  }
  cursor.accept('PRIVILEGES');
  cursor.expect('ON', 'MODEL');
  const models: ModelRow[] = [];
  do {
    const at = cursor.position();
    const name = cursor.qualifiedName();
    models.push(await requireModel(context, name.parts, at));
  } while (cursor.acceptOp(','));
  cursor.expect(grant ? 'TO' : 'FROM');
  const grantees: Grantee[] = parseGrantees(cursor, { grantOption: grant });
  cursor.expectEnd();
  const runtime = MlRuntime.of(context.services);
  await asSecurityAdmin(context, async (q) => {
    for (const m of models) {
      if (!(await ownsModel(q, user, m))) throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied for model ${m.name}`);
    }
    await validateGrantees(q, grantees);
    await context.atomic(async () => {
      for (const m of models) {
        const def = await runtime.models.definition(m.schema, m.name);
        for (const g of grantees) {
          if (grant) {
            await q('INSERT INTO wl_sys.ml_model_grants (schema_name, model_name, grantee_kind, grantee) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [m.schema, m.name, g.kind, g.name]);
          } else {
            await q('DELETE FROM wl_sys.ml_model_grants WHERE schema_name = $1 AND model_name = $2 AND grantee_kind = $3 AND grantee = $4', [m.schema, m.name, g.kind, g.name]);
          }
        }
        if (def) await grantExecute(context.backend, def, grantees.map((g) => ({ kind: g.kind, name: g.name })), !grant);
      }
    });
  });
  return context.done(grant ? 'GRANT' : 'REVOKE');
}

export const modelGrantsHandler: StatementHandler = {
  name: 'model-privileges',
  matches: isModelPrivilegeStatement,
  run,
};
