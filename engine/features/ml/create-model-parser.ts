/**
 * CREATE MODEL's grammar (reference §7), keywords in the documented order:
 *   CREATE MODEL name FROM { table | ( query ) } [TARGET col] FUNCTION f [(types)]
 *   IAM_ROLE { default | 'arn' } [AUTO ON|OFF] [MODEL_TYPE t] [PROBLEM_TYPE p] [OBJECTIVE 'o']
 *   [PREPROCESSORS '…'] [HYPERPARAMETERS DEFAULT [EXCEPT (key 'value', …)]] SETTINGS (…)
 */
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { Statement } from '../../sql/splitter';
import { WordCursor } from '../security/word-cursor';
import type { ModelType, ProblemType } from '../../ml/index';

export interface CreateModelStatement {
  schema: string | null;
  name: string;
  nameAt: number;
  /** A table name or the text of the query between the parentheses. */
  from: { kind: 'table'; text: string; at: number } | { kind: 'query'; text: string; at: number };
  target: { name: string; at: number } | null;
  functionName: string;
  functionAt: number;
  functionTypes: string[] | null;
  iamRole: string;
  auto: boolean;
  modelType: ModelType | null;
  problemType: ProblemType | null;
  objective: string | null;
  preprocessors: string | null;
  hyperparameters: Record<string, string>;
  settings: ModelSettings;
}

export interface ModelSettings {
  s3Bucket: string;
  maxRuntime: number;
  maxCells: number;
  s3GarbageCollect: boolean;
  kmsKeyId: string | null;
}

export const DEFAULT_MAX_RUNTIME = 5400;
export const DEFAULT_MAX_CELLS = 1_000_000;
const MODEL_TYPES = ['XGBOOST', 'MLP', 'LINEAR_LEARNER', 'KMEANS'];
const PROBLEM_TYPES = ['BINARY_CLASSIFICATION', 'MULTICLASS_CLASSIFICATION', 'REGRESSION'];

export function isCreateModel(s: Statement): boolean {
  return s.words[0]?.text.toUpperCase() === 'CREATE' && s.words[1]?.text.toUpperCase() === 'MODEL';
}

function invalid(message: string, position: number): SqlError {
  return new SqlError(SQLSTATE.invalidParameterValue, message, { position });
}

/** `( … )` starting at the cursor: the raw text between the parentheses. */
function parenthesisedText(cursor: WordCursor): { text: string; at: number } {
  const open = cursor.peek();
  if (open?.text !== '(') throw cursor.syntaxError();
  let depth = 0;
  for (;;) {
    const t = cursor.next();
    if (!t) throw cursor.syntaxError();
    if (t.kind === 'op' && t.text === '(') depth++;
    if (t.kind === 'op' && t.text === ')' && --depth === 0) {
      const start = open.start + 1;
      return { text: cursor.statement.text.slice(start, t.start), at: start };
    }
  }
}

function positiveInteger(cursor: WordCursor, what: string): number {
  const at = cursor.position();
  const t = cursor.next();
  const value = t && t.kind === 'number' ? Number(t.text) : NaN;
  if (!Number.isInteger(value) || value <= 0) throw invalid(`${what} must be a positive integer`, at);
  return value;
}

function onOff(cursor: WordCursor, what: string): boolean {
  const at = cursor.position();
  const t = cursor.next();
  const v = t ? (t.kind === 'string' ? t.text.slice(1, -1) : t.text).toUpperCase() : '';
  if (v === 'ON' || v === 'TRUE') return true;
  if (v === 'OFF' || v === 'FALSE') return false;
  throw invalid(`${what} must be ON or OFF`, at);
}

function parseSettings(cursor: WordCursor): ModelSettings {
  const settings: Partial<ModelSettings> = {};
  const start = cursor.position();
  cursor.expectOp('(');
  do {
    const at = cursor.position();
    const key = cursor.peekKeyword();
    cursor.next();
    if (key === 'S3_BUCKET') settings.s3Bucket = cursor.string();
    else if (key === 'MAX_RUNTIME') settings.maxRuntime = positiveInteger(cursor, 'MAX_RUNTIME');
    else if (key === 'MAX_CELLS') settings.maxCells = positiveInteger(cursor, 'MAX_CELLS');
    else if (key === 'S3_GARBAGE_COLLECT') settings.s3GarbageCollect = onOff(cursor, 'S3_GARBAGE_COLLECT');
    else if (key === 'KMS_KEY_ID') settings.kmsKeyId = cursor.string();
    else throw invalid(`unrecognized SETTINGS option "${key.toLowerCase()}"`, at);
  } while (cursor.acceptOp(','));
  cursor.expectOp(')');
  if (!settings.s3Bucket) throw invalid('S3_BUCKET is required in SETTINGS', start);
  return {
    s3Bucket: settings.s3Bucket,
    maxRuntime: settings.maxRuntime ?? DEFAULT_MAX_RUNTIME,
    maxCells: settings.maxCells ?? DEFAULT_MAX_CELLS,
    s3GarbageCollect: settings.s3GarbageCollect ?? true,
    kmsKeyId: settings.kmsKeyId ?? null,
  };
}

function parseHyperparameters(cursor: WordCursor): Record<string, string> {
  cursor.expect('DEFAULT');
  const out: Record<string, string> = {};
  if (!cursor.accept('EXCEPT')) return out;
  cursor.expectOp('(');
  do {
    const key = cursor.name().toUpperCase();
    const t = cursor.next();
    if (!t || (t.kind !== 'string' && t.kind !== 'number')) throw cursor.syntaxError();
    out[key] = t.kind === 'string' ? t.text.slice(1, -1).replace(/''/g, "'") : t.text;
  } while (cursor.acceptOp(','));
  cursor.expectOp(')');
  return out;
}

export function parseCreateModel(statement: Statement): CreateModelStatement {
  const cursor = new WordCursor(statement);
  cursor.expect('CREATE', 'MODEL');
  const nameAt = cursor.position();
  const qualified = cursor.qualifiedName();
  if (qualified.parts.length > 2) throw invalid(`improper qualified name (too many dotted names): ${qualified.text}`, nameAt);
  const name = qualified.parts[qualified.parts.length - 1]!;
  const schema = qualified.parts.length === 2 ? qualified.parts[0]! : null;
  cursor.expect('FROM');
  let from: CreateModelStatement['from'];
  if (cursor.peek()?.text === '(') from = { kind: 'query', ...parenthesisedText(cursor) };
  else {
    const table = cursor.qualifiedName();
    from = { kind: 'table', text: table.text, at: table.at };
  }
  let target: CreateModelStatement['target'] = null;
  if (cursor.accept('TARGET')) target = { at: cursor.position(), name: cursor.name() };
  cursor.expect('FUNCTION');
  const functionAt = cursor.position();
  const fn = cursor.qualifiedName();
  if (fn.parts.length > 1) throw invalid('the prediction function name cannot be schema-qualified; it is created in the model\'s schema', functionAt);
  let functionTypes: string[] | null = null;
  if (cursor.peek()?.text === '(') {
    const { text } = parenthesisedText(cursor);
    functionTypes = text.trim() === '' ? [] : text.split(',').map((t) => t.trim().toLowerCase());
  }
  cursor.expect('IAM_ROLE');
  let iamRole: string;
  if (cursor.accept('DEFAULT')) iamRole = 'default';
  else iamRole = cursor.string();
  let auto = true;
  if (cursor.accept('AUTO')) auto = onOff(cursor, 'AUTO');
  let modelType: ModelType | null = null;
  if (cursor.accept('MODEL_TYPE')) {
    const at = cursor.position();
    const v = cursor.peekKeyword();
    cursor.next();
    if (!MODEL_TYPES.includes(v)) throw invalid(`invalid MODEL_TYPE "${v.toLowerCase()}"; expected XGBOOST, MLP, LINEAR_LEARNER or KMEANS`, at);
    modelType = v as ModelType;
  }
  let problemType: ProblemType | null = null;
  if (cursor.accept('PROBLEM_TYPE')) {
    const at = cursor.position();
    const paren = cursor.acceptOp('(');
    const v = cursor.peekKeyword();
    cursor.next();
    if (paren) cursor.expectOp(')');
    if (!PROBLEM_TYPES.includes(v)) throw invalid(`invalid PROBLEM_TYPE "${v.toLowerCase()}"; expected REGRESSION, BINARY_CLASSIFICATION or MULTICLASS_CLASSIFICATION`, at);
    problemType = v as ProblemType;
  }
  let objective: string | null = null;
  if (cursor.accept('OBJECTIVE')) {
    const paren = cursor.acceptOp('(');
    objective = cursor.string();
    if (paren) cursor.expectOp(')');
  }
  let preprocessors: string | null = null;
  if (cursor.accept('PREPROCESSORS')) preprocessors = cursor.string();
  let hyperparameters: Record<string, string> = {};
  if (cursor.accept('HYPERPARAMETERS')) hyperparameters = parseHyperparameters(cursor);
  if (cursor.atEnd()) throw new SqlError(SQLSTATE.invalidParameterValue, 'SETTINGS ( S3_BUCKET \'bucket\' ) is required for CREATE MODEL', { position: statement.text.length + 1 });
  cursor.expect('SETTINGS');
  const settings = parseSettings(cursor);
  cursor.expectEnd();
  if (!target && modelType !== 'KMEANS') throw invalid('TARGET is required unless MODEL_TYPE is KMEANS', functionAt);
  if (!auto && problemType) throw invalid('PROBLEM_TYPE is not supported with AUTO OFF', nameAt);
  if (!auto && modelType !== 'XGBOOST' && modelType !== 'KMEANS') throw invalid('AUTO OFF requires MODEL_TYPE XGBOOST or KMEANS', nameAt);
  return {
    schema, name, nameAt, from, target, functionName: fn.parts[0]!, functionAt, functionTypes, iamRole, auto,
    modelType, problemType, objective, preprocessors, hyperparameters, settings,
  };
}
