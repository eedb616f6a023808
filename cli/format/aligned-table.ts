import stringWidth from 'string-width';
import type { ResultColumn, SqlValue } from '../../engine';
import { count, textValue } from './values';

/** Types psql right-aligns (its column_type_alignment): the integers, floats, numeric, money, oid, xid, cid. */
const RIGHT_ALIGNED_OIDS = new Set([20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069]);

const TAB_STOP = 8;

/** psql expands tabs to 8-column stops before measuring. */
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(TAB_STOP - (stringWidth(out) % TAB_STOP)) : ch;
  return out;
}

interface Cell {
  lines: string[];
  widths: number[];
}

function cell(text: string): Cell {
  const lines = text.split('\n').map(expandTabs);
  return { lines, widths: lines.map((l) => stringWidth(l)) };
}

const spaces = (n: number) => ' '.repeat(Math.max(0, n));

/**
 * A result as psql's default `aligned` format prints it (border 1): headers centred, numbers
 * right-aligned, widths in terminal columns (Korean text is two wide), a `+` where a value goes on
 * to another line, `(n rows)` at the end.
 */
export function alignedTable(result: { columns: ResultColumn[]; rows: SqlValue[][]; rowCount: number }): string {
  const { columns } = result;
  const last = columns.length - 1;
  const right = columns.map((c) => RIGHT_ALIGNED_OIDS.has(c.typeOid));
  const header = columns.map((c) => cell(c.name));
  const rows = result.rows.map((row) => row.map((v) => cell(textValue(v))));
  const widths = columns.map((_, i) => Math.max(...header[i]!.widths, ...rows.map((r) => Math.max(...r[i]!.widths))));

  const out: string[] = [];
  const height = (cells: Cell[]) => Math.max(...cells.map((c) => c.lines.length));
  for (let k = 0; k < height(header); k++) {
    out.push(
      header
        .map((h, i) => {
          const text = h.lines[k] ?? '';
          const pad = widths[i]! - (h.widths[k] ?? 0);
          const left = Math.floor(pad / 2);
          return ` ${spaces(left)}${text}${spaces(pad - left)}${k + 1 < h.lines.length ? '+' : ' '}`;
        })
        .join('|'),
    );
  }
  out.push(widths.map((w) => '-'.repeat(w + 2)).join('+'));
  for (const row of rows) {
    for (let k = 0; k < height(row); k++) {
      out.push(
        row
          .map((c, i) => {
            const isLast = i === last;
            if (k >= c.lines.length) return isLast ? ' ' : ` ${spaces(widths[i]!)} `;
            const more = k + 1 < c.lines.length;
            const text = c.lines[k]!;
            const pad = spaces(widths[i]! - c.widths[k]!);
            // psql's right margin: '+' when the value goes on, nothing after the last column.
            const margin = more ? '+' : isLast ? '' : ' ';
            if (right[i]) return ` ${pad}${text}${margin}`;
            return ` ${text}${isLast && !more ? '' : pad}${margin}`;
          })
          .join('|'),
      );
    }
  }
  out.push(`(${count(result.rowCount, 'row')})`, '');
  return out.join('\n') + '\n';
}
