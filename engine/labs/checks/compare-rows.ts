import { fail, pass, showRow, text, type CheckResult } from './result';

const SHOWN = 3;

/** Equal as the grader means it: numbers (also numeric text) within `tolerance`, else same text. */
export function sameValue(a: unknown, b: unknown, tolerance: number): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return Math.abs(x - y) <= tolerance;
  return normalText(a) === normalText(b);
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

function normalText(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return typeof v === 'string' ? v.trimEnd() : JSON.stringify(v);
}

function sameRow(a: unknown[], b: unknown[], tolerance: number): boolean {
  return a.length === b.length && a.every((v, i) => sameValue(v, b[i], tolerance));
}

/** Compares a student's result rows with the expected ones and says what differs. */
export function compareRows(actual: unknown[][], expected: unknown[][], options: { ordered: boolean; tolerance: number }): CheckResult {
  const { ordered, tolerance } = options;
  const width = expected[0]?.length;
  if (width !== undefined && actual[0] !== undefined && actual[0].length !== width) {
    return fail(text(`열 개수가 다릅니다: ${actual[0].length}개 (기대: ${width}개).`, `Wrong number of columns: ${actual[0].length} (expected ${width}).`));
  }
  if (ordered) {
    const n = Math.max(actual.length, expected.length);
    for (let i = 0; i < n; i++) {
      const a = actual[i];
      const e = expected[i];
      if (!a || !e || !sameRow(a, e, tolerance)) {
        const details = [text(`${i + 1}번째 행부터 다릅니다: ${a ? showRow(a) : '(없음)'} (기대: ${e ? showRow(e) : '(없음)'}).`, `Rows differ from row ${i + 1}: ${a ? showRow(a) : '(none)'} (expected ${e ? showRow(e) : '(none)'}).`)];
        if (actual.length !== expected.length) details.push(countText(actual.length, expected.length));
        return fail(...details);
      }
    }
    return pass();
  }
  if (actual.length === 1 && expected.length === 1 && !sameRow(actual[0]!, expected[0]!, tolerance)) {
    return fail(text(`결과가 ${showRow(actual[0]!)} 입니다 (기대: ${showRow(expected[0]!)}).`, `The result is ${showRow(actual[0]!)} (expected ${showRow(expected[0]!)}).`));
  }
  const remaining = [...expected];
  const unexpected: unknown[][] = [];
  for (const row of actual) {
    const i = remaining.findIndex((e) => sameRow(row, e, tolerance));
    if (i === -1) unexpected.push(row);
    else remaining.splice(i, 1);
  }
  if (remaining.length === 0 && unexpected.length === 0) return pass();
  const details = [];
  if (actual.length !== expected.length) details.push(countText(actual.length, expected.length));
  if (remaining.length) {
    details.push(text(`빠진 행 ${remaining.length}개: ${list(remaining)}`, `${remaining.length} missing row(s): ${list(remaining)}`));
  }
  if (unexpected.length) {
    details.push(text(`예상하지 않은 행 ${unexpected.length}개: ${list(unexpected)}`, `${unexpected.length} unexpected row(s): ${list(unexpected)}`));
  }
  return fail(...details);
}

export function countText(actual: number, expected: number) {
  return text(`행 개수가 다릅니다: ${actual}개 (기대: ${expected}개).`, `Wrong row count: ${actual} (expected ${expected}).`);
}

function list(rows: unknown[][]): string {
  const shown = rows.slice(0, SHOWN).map(showRow).join(', ');
  return rows.length > SHOWN ? `${shown}, …` : shown;
}
