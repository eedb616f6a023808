import type { CopyCommand } from './copy-options';
import { converterFor, type TargetColumn } from './field-types';
import { readRecords } from './record-reader';

export interface LoadError {
  filename: string;
  line: number;
  colname: string;
  type: string;
  colLength: string;
  position: number;
  rawLine: string;
  rawField: string;
  errCode: number;
  errReason: string;
  startOffset: number;
}

export interface FileLoad {
  /** Good rows as PostgreSQL CSV (unquoted empty = NULL). */
  csv: string;
  rows: number;
  errors: LoadError[];
}

const MAX_ERRORS_KEPT = 1000;
const CHUNK_ROWS = 50_000;
const NEEDS_QUOTES = /[",\n\r\\]/;

/** Quotes a value for PostgreSQL's CSV reader: empty strings and special characters are quoted. */
export function csvValue(value: string): string {
  if (value === '' || NEEDS_QUOTES.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/**
 * Reads one file's text the way COPY does: skips header lines, splits records, converts each field
 * for its column and either keeps the row (as clean CSV) or records why it could not be loaded.
 */
export function loadText(text: string, filename: string, command: CopyCommand, columns: TargetColumn[], errorsSoFar: number): FileLoad {
  const converters = columns.map((c) => converterFor(c, command));
  const width = columns.length;
  const out: string[] = [];
  const chunks: string[] = [];
  let rows = 0;
  const errors: LoadError[] = [];
  let skipped = 0;
  const fail = (record: { line: number; raw: string; offset: number }, column: TargetColumn | undefined, position: number, rawField: string, code: number, reason: string) => {
    if (errors.length + errorsSoFar < MAX_ERRORS_KEPT) {
      errors.push({
        filename, line: record.line, colname: column?.name ?? '', type: column ? shortType(column.type) : '', colLength: column ? lengthOf(column.type) : '',
        position, rawLine: record.raw.slice(0, 1024), rawField: rawField.slice(0, 1024), errCode: code, errReason: reason.slice(0, 100), startOffset: record.offset,
      });
    } else errors.push(errors[errors.length - 1]!);
  };
  readRecords(text, command, (record) => {
    if (skipped < command.ignoreHeader) {
      skipped++;
      return;
    }
    if (record.raw === '' && record.fields.length === 1) {
      if (command.ignoreBlankLines || record.offset + 1 >= text.length) return;
    }
    if (record.problem) return fail(record, undefined, 0, record.raw, record.problem.code, record.problem.reason);
    const fields = record.fields;
    if (fields.length > width) return fail(record, columns[width - 1], 0, fields[width] ?? '', 1202, 'Extra column(s) found');
    if (fields.length < width && !command.fillRecord) {
      return fail(record, columns[fields.length], record.raw.length, '', 1214, 'Delimiter not found');
    }
    let line = '';
    let position = 0;
    for (let c = 0; c < width; c++) {
      const column = columns[c]!;
      let text = fields[c];
      let value: string | null;
      const wasQuoted = record.quoted?.[c] ?? false;
      if (text === undefined) value = null;
      else {
        if (command.removeQuotes && !command.csv && !wasQuoted && text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
        if (command.trimBlanks) text = text.trim();
        if (!wasQuoted && text === command.nullAs) value = null;
        else if (text === '' && (command.emptyAsNull || !isStringType(column.type))) value = null;
        else if (command.blanksAsNull && text.trim() === '') value = null;
        else {
          const result = converters[c]!(text);
          if (!result.ok) return fail(record, column, position, text, result.code, result.reason);
          value = result.value;
        }
      }
      if (value === null && column.notNull) return fail(record, column, position, text ?? '', 1213, 'Missing data for not-null field');
      if (c > 0) line += ',';
      if (value !== null) line += csvValue(value);
      position += (fields[c]?.length ?? 0) + 1;
    }
    out.push(line);
    rows++;
    if (out.length === CHUNK_ROWS) {
      chunks.push(out.join('\n') + '\n');
      out.length = 0;
    }
  });
  if (out.length) chunks.push(out.join('\n') + '\n');
  return { csv: chunks.join(''), rows, errors };
}

export function isStringType(type: string): boolean {
  return type.startsWith('character') || type === 'text';
}

export function shortType(type: string): string {
  const names: Record<string, string> = { integer: 'int4', smallint: 'int2', bigint: 'int8', 'double precision': 'float8', real: 'float4', boolean: 'bool' };
  if (names[type]) return names[type]!;
  if (type.startsWith('character varying')) return 'varchar';
  if (type.startsWith('character')) return 'char';
  if (type.startsWith('numeric')) return 'numeric';
  if (type.startsWith('timestamp')) return 'timestamp';
  return type.slice(0, 10);
}

export function lengthOf(type: string): string {
  const m = /\((\d+(?:,\d+)?)\)/.exec(type);
  return m ? m[1]!.replace(',', ' ,') : '0';
}
