import Papa from 'papaparse';
import { reportsRowCount, type StatementOutcome } from '../../engine';
import { alignedTable } from './aligned-table';
import { count, jsonValue, textValue } from './values';

export type OutputFormat = 'table' | 'csv' | 'json';

/** One JSON element per statement: the CLI's stable contract. */
export function outcomesToJson(outcomes: StatementOutcome[]): unknown[] {
  return outcomes.map((o) => {
    if (!o.ok) return { sql: o.sql, error: o.error };
    const r = o.result;
    const element: Record<string, unknown> = {
      sql: r.sql,
      command: r.command,
      columns: r.columns.map((c) => c.name),
      columnTypes: r.columns.map((c) => c.type),
      rows: r.rows.map((row) => row.map((v, i) => jsonValue(v, r.columns[i]))),
      rowCount: r.rowCount,
    };
    if (r.notices.length) element.notices = r.notices;
    if (r.scan) element.scan = r.scan;
    return element;
  });
}

/** A piece of output and where it goes, in the order psql would print it. */
export interface OutputPart {
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * Each statement's messages (stderr) before its result (stdout), statement by statement, so a
 * terminal shows COPY's INFO lines next to its COPY, not after every later result.
 */
export function formatOutcomes(outcomes: StatementOutcome[], format: OutputFormat): OutputPart[] {
  if (format === 'json') return [{ stream: 'stdout', text: JSON.stringify(outcomesToJson(outcomes)) + '\n' }];
  const parts: OutputPart[] = [];
  const out = (stream: OutputPart['stream'], text: string) => parts.push({ stream, text });
  for (const o of outcomes) {
    if (!o.ok) {
      const where = o.error.position ? `\nPOSITION: ${o.error.position}` : '';
      out('stderr', `ERROR:  ${o.error.message} (SQLSTATE ${o.error.code})${where}\n`);
      continue;
    }
    const r = o.result;
    for (const notice of r.notices) out('stderr', `${notice}\n`);
    if (r.columns.length === 0) {
      if (format === 'table') out('stdout', `${commandLine(r.command, r.rowCount)}\n`);
      continue;
    }
    out('stdout', format === 'csv' ? toCsv(o.result) : alignedTable(o.result));
    if (r.scan) out('stderr', `Spectrum scan: ${r.scan.bytes} bytes, ${count(r.scan.files, 'file')}, $${r.scan.costUsd.toFixed(6)}\n`);
  }
  return parts;
}

/** The parts' text for one stream. */
export function streamText(parts: OutputPart[], stream: OutputPart['stream']): string {
  return parts.filter((p) => p.stream === stream).map((p) => p.text).join('');
}

function toCsv(result: { columns: { name: string }[]; rows: unknown[][] }): string {
  const data = result.rows.map((row) => row.map((v) => textValue(v as never)));
  return Papa.unparse({ fields: result.columns.map((c) => c.name), data }, { newline: '\n' }) + '\n';
}


/** The command tag as psql prints it: with the row count, and INSERT's (always 0) oid before it. */
function commandLine(command: string, rows: number): string {
  if (command === 'INSERT') return `INSERT 0 ${rows}`;
  return reportsRowCount(command) ? `${command} ${rows}` : command;
}
