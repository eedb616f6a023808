import type { LocalizedText } from '../types';

/** The outcome of one check, with what differs when it fails (ko and en). */
export interface CheckResult {
  id?: string;
  passed: boolean;
  description?: LocalizedText;
  /** What the grader saw: missing rows, the privilege that still works, the policy not attached … */
  details: LocalizedText[];
  /** The author's advice for this check, when it failed. */
  feedback?: LocalizedText;
}

export const text = (ko: string, en: string): LocalizedText => ({ ko, en });

export const pass = (...details: LocalizedText[]): CheckResult => ({ passed: true, details });
export const fail = (...details: LocalizedText[]): CheckResult => ({ passed: false, details });

/** A value as it appears in feedback. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return `'${value}'`;
  return JSON.stringify(value);
}

export function showRow(row: unknown[]): string {
  return `(${row.map(show).join(', ')})`;
}
