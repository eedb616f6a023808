import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { generateCourseData } from '../../engine/seed/course';
import { csvField, toCsv } from '../../engine/seed/csv';
import { makeTable, type CellValue } from '../../engine/seed/types';
import { col } from './helpers';

const tricky = makeTable(
  'adhoc',
  'tricky',
  [
    { name: 'id', type: 'integer' },
    { name: 'text', type: 'varchar(256)' },
    { name: 'flag', type: 'boolean' },
    { name: 'score', type: 'float8' },
  ],
  {
    id: [1, 2, 3, 4, 5, 6, 7],
    text: ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', '한글, "따옴표"'],
    flag: [true, false, null, true, false, true, false],
    score: [1.5, -2, 0, 1e-7, null, 123456.789, 42],
  },
);

function parse(csv: string, delimiter = ','): string[][] {
  const result = Papa.parse<string[]>(csv, { delimiter, newline: '\n', skipEmptyLines: false });
  expect(result.errors).toEqual([]);
  const rows = result.data;
  if (rows.length > 0 && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '') rows.pop(); // final newline
  return rows;
}

function asText(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

describe('csvField', () => {
  it('quotes only when needed (RFC 4180) and doubles embedded quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('x\ry')).toBe('"x\ry"');
    expect(csvField('a,b', '|')).toBe('a,b');
    expect(csvField('a|b', '|')).toBe('"a|b"');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(12.5)).toBe('12.5');
  });
});

describe('toCsv', () => {
  it('round-trips quoted fields through papaparse, with and without a header', () => {
    const withHeader = toCsv(tricky, { header: true });
    expect(withHeader.endsWith('\n')).toBe(true);
    const rows = parse(withHeader);
    expect(rows[0]).toEqual(['id', 'text', 'flag', 'score']);
    expect(rows.slice(1)).toEqual(
      Array.from({ length: tricky.rowCount }, (_, r) => tricky.rows.map((column) => asText(column[r]))),
    );
    const noHeader = parse(toCsv(tricky));
    expect(noHeader).toEqual(rows.slice(1));
  });

  it('supports another delimiter', () => {
    const csv = toCsv(tricky, { delimiter: '|', header: true });
    expect(csv.split('\n')[2]).toBe('2|a,b|false|-2');
    expect(parse(csv, '|')[2]).toEqual(['2', 'a,b', 'false', '-2']);
    expect(() => toCsv(tricky, { delimiter: '"' })).toThrow();
    expect(() => toCsv(tricky, { delimiter: ',,' })).toThrow();
  });

  it('writes user_session_channel.csv for the Spectrum lab: no header, 3 plain comma-separated fields', () => {
    const data = generateCourseData(1);
    const csv = toCsv(data.userSessionChannel);
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(data.userSessionChannel.rowCount);
    expect(lines.every((l) => /^\d+,[0-9a-f]{32},(Facebook|Google|Instagram|Naver|Organic|Youtube)$/.test(l))).toBe(true);
    const users = col<number>(data.userSessionChannel, 'userid');
    const ids = col<string>(data.userSessionChannel, 'sessionid');
    expect(lines[0]).toBe(`${users[0]},${ids[0]},${col<string>(data.userSessionChannel, 'channel')[0]}`);

    // notes contain commas and quotes: they must survive the round trip
    const notes = parse(toCsv(data.userNotes, { header: true }));
    expect(notes.slice(1).map((r) => r[1])).toEqual(col<string>(data.userNotes, 'note'));
    expect(col<string>(data.userNotes, 'note').some((n) => n.includes(',') || n.includes('"'))).toBe(true);
  });

  it('writes only a header line for an empty table and nothing without one', () => {
    const empty = makeTable('x', 'empty', [{ name: 'a', type: 'integer' }], { a: [] });
    expect(toCsv(empty, { header: true })).toBe('a\n');
    expect(toCsv(empty)).toBe('');
  });
});
