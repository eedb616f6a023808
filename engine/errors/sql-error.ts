import type { SqlErrorShape } from '../api/types';

/** A failed statement, in Redshift's words: SQLSTATE, message and 1-based position. */
export class SqlError extends Error implements SqlErrorShape {
  readonly code: string;
  position?: number;
  readonly detail?: string;
  readonly hint?: string;

  constructor(code: string, message: string, extra: { position?: number; detail?: string; hint?: string } = {}) {
    super(message);
    this.name = 'SqlError';
    this.code = code;
    if (extra.position !== undefined) this.position = extra.position;
    if (extra.detail !== undefined) this.detail = extra.detail;
    if (extra.hint !== undefined) this.hint = extra.hint;
  }

  toJSON(): SqlErrorShape {
    const shape: SqlErrorShape = { code: this.code, message: this.message };
    if (this.position !== undefined) shape.position = this.position;
    if (this.detail) shape.detail = this.detail;
    if (this.hint) shape.hint = this.hint;
    return shape;
  }
}

/** SQLSTATEs used by the front end. */
export const SQLSTATE = {
  syntaxError: '42601',
  insufficientPrivilege: '42501',
  undefinedTable: '42P01',
  undefinedObject: '42704',
  duplicateObject: '42710',
  featureNotSupported: '0A000',
  invalidParameterValue: '22023',
  characterNotInRepertoire: '22021',
  queryCanceled: '57014',
  lockNotAvailable: '55P03',
  objectInUse: '55006',
  activeSqlTransaction: '25001',
  internalError: 'XX000',
  invalidAuthorization: '28000',
} as const;

/** PostgreSQL wording that Redshift phrases differently. */
const REWORDINGS: Array<[RegExp, string]> = [
  [/^permission denied for (?:table|view|materialized view|sequence|foreign table) (.+)$/, 'permission denied for relation $1'],
  [/^must be owner of (?:table|view|materialized view|sequence) (.+)$/, 'must be owner of relation $1'],
];

export function redshiftWording(message: string): string {
  for (const [pattern, replacement] of REWORDINGS) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  return message;
}

interface PgLikeError {
  code?: string;
  message?: string;
  position?: string | number;
  detail?: string;
  hint?: string;
}

/**
 * Converts an error thrown by PostgreSQL into a SqlError. `mapPosition` turns the 1-based position in
 * the text that was sent into the 1-based position in the submitted text.
 */
export function fromPgError(error: unknown, mapPosition: (pos: number) => number = (p) => p): SqlError {
  if (error instanceof SqlError) return error;
  const e = (error ?? {}) as PgLikeError;
  if (typeof e.code !== 'string') {
    const message = error instanceof Error ? error.message : String(error);
    return new SqlError(SQLSTATE.internalError, message);
  }
  const extra: { position?: number; detail?: string; hint?: string } = {};
  const pos = e.position === undefined || e.position === '' ? NaN : Number(e.position);
  if (Number.isFinite(pos) && pos > 0) extra.position = mapPosition(pos);
  if (e.detail) extra.detail = e.detail;
  if (e.hint) extra.hint = e.hint;
  return new SqlError(e.code, redshiftWording(e.message ?? 'unknown error'), extra);
}
