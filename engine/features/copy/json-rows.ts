import type { CopyCommand } from './copy-options';
import { converterFor, type TargetColumn } from './field-types';
import { readJsonRecords, type JsonField, type JsonRecord } from './json-records';
import { csvValue, isStringType, lengthOf, shortType, type FileLoad, type LoadError } from './load-rows';

const MAX_ERRORS_KEPT = 1000;

/**
 * COPY … FORMAT AS JSON 'auto' | 'auto ignorecase': each root-level object is one row; its members
 * go to the columns of the same name ('auto' matches names exactly — Redshift's column names are
 * lower case, so keys must be too — 'auto ignorecase' ignores case). Missing members load NULL,
 * members with no column are ignored. Values are checked like delimited fields (same load errors).
 */
export function loadJson(text: string, filename: string, command: CopyCommand, columns: TargetColumn[], errorsSoFar: number): FileLoad {
  const ignoreCase = command.json === 'auto ignorecase';
  const converters = columns.map((c) => converterFor(c, command));
  const lines: string[] = [];
  const errors: LoadError[] = [];
  let rows = 0;
  const fail = (record: JsonRecord, column: TargetColumn | undefined, rawField: string, code: number, reason: string) => {
    if (errors.length + errorsSoFar >= MAX_ERRORS_KEPT) {
      errors.push(errors[errors.length - 1]!);
      return;
    }
    errors.push({
      filename, line: record.line, colname: column?.name ?? '', type: column ? shortType(column.type) : '', colLength: column ? lengthOf(column.type) : '',
      position: 0, rawLine: record.raw.slice(0, 1024), rawField: rawField.slice(0, 1024), errCode: code, errReason: reason.slice(0, 100), startOffset: record.offset,
    });
  };
  readJsonRecords(text, (record) => {
    if (!record.members) return fail(record, undefined, record.raw, 1216, record.problem ?? 'Invalid JSON object');
    const members = ignoreCase ? lowerCased(record.members) : record.members;
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c]!;
      const field: JsonField | undefined = members.get(ignoreCase ? column.name.toLowerCase() : column.name);
      let value: string | null = null;
      if (field && field.kind !== 'null') {
        const text = field.text;
        if (text === '' && !isStringType(column.type)) value = null;
        else {
          const result = field.kind === 'nested' && !isStringType(column.type) ? { ok: false as const, code: 1216, reason: `Invalid value for ${shortType(column.type)}: a JSON ${text.startsWith('[') ? 'array' : 'object'}` } : converters[c]!(text);
          if (!result.ok) return fail(record, column, text, result.code, result.reason);
          value = result.value;
        }
      }
      if (value === null && column.notNull) return fail(record, column, '', 1213, 'Missing data for not-null field');
      if (c > 0) line += ',';
      if (value !== null) line += csvValue(value);
    }
    lines.push(line);
    rows++;
  });
  return { csv: lines.length ? lines.join('\n') + '\n' : '', rows, errors };
}

function lowerCased(members: Map<string, JsonField>): Map<string, JsonField> {
  const out = new Map<string, JsonField>();
  for (const [key, value] of members) out.set(key.toLowerCase(), value);
  return out;
}
