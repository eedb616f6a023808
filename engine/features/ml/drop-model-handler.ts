/**
 * DROP MODEL [IF EXISTS] m: owner, superuser or the schema's owner. Cancels a running training job,
 * drops the prediction functions, forgets the grants and removes the model's files and its S3
 * artefacts (the exported training data under redshiftml_<job>/).
 */
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { keyword } from '../../sql/tokenizer';
import { LocalS3 } from '../s3/local-s3';
import { asSecurityAdmin } from '../security/catalog-access';
import { WordCursor } from '../security/word-cursor';
import { MlRuntime } from './ml-runtime';
import { findModel } from './model-lookup';
import { ownsModel } from './model-privileges';
import { dropPredictionFunctions } from './prediction-functions';

async function dropModel(context: StatementContext) {
  const cursor = new WordCursor(context.statement);
  cursor.expect('DROP', 'MODEL');
  const ifExists = cursor.accept('IF', 'EXISTS');
  const at = cursor.position();
  const name = cursor.qualifiedName();
  cursor.expectEnd();
  const model = await findModel(context, name.parts);
  if (!model) {
    if (ifExists) return { ...context.done('DROP MODEL'), notices: [`NOTICE:  model "${name.text}" does not exist, skipping`] };
    throw new SqlError(SQLSTATE.undefinedObject, `model "${name.text}" does not exist`, { position: at });
  }
  const user = context.session.currentUser;
  if (!(await asSecurityAdmin(context, (q) => ownsModel(q, user, model, true)))) {
    throw new SqlError(SQLSTATE.insufficientPrivilege, `must be owner of model ${model.name}`, { position: at });
  }
  const runtime = MlRuntime.of(context.services);
  const def = await runtime.models.definition(model.schema, model.name);
  await runtime.cancel(model.schema, model.name);
  await context.atomic(() =>
    context.asAdmin(async () => {
      if (def) await dropPredictionFunctions(context.backend, def);
      await context.backend.query('DELETE FROM wl_sys.ml_model_grants WHERE schema_name = $1 AND model_name = $2', [model.schema, model.name]);
      await context.backend.query('DELETE FROM wl_sys.ml_models WHERE schema_name = $1 AND model_name = $2', [model.schema, model.name]);
    }),
  );
  if (def) {
    const s3 = new LocalS3(context.services.store);
    for (const object of await s3.list(def.settings.s3Bucket, def.exportPrefix)) await s3.remove(def.settings.s3Bucket, object.key);
  }
  await runtime.models.remove(model.schema, model.name);
  return context.done('DROP MODEL');
}

export const dropModelHandler: StatementHandler = {
  name: 'drop-model',
  matches: (s) => keyword(s.words[0]) === 'DROP' && keyword(s.words[1]) === 'MODEL',
  run: dropModel,
};
