// English UI text counts things through vue-i18n's plural forms ('1 file', '3 files'), never 'file(s)'.
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../renderer/src/i18n';

function englishMessages(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => englishMessages(v, path ? `${path}.${k}` : k));
  return [];
}

describe('English plurals', () => {
  const { t, messages } = createAppI18n('en').global;

  it('no message says "(s)"', () => {
    const offenders = englishMessages(messages.value.en).filter(([, text]) => /\w\(s\)/.test(text));
    expect(offenders).toEqual([]);
  });

  it('counts of one and of several read as English', () => {
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['console.attached', { count: 1 }, 1, '1 file attached'],
      ['console.attached', { count: 3 }, 3, '3 files attached'],
      ['panels.s3.uploadSummary', { done: 1, total: 1, stored: '5 B', size: '5 B' }, 1, '1 of 1 file uploaded · 5 B of 5 B'],
      ['panels.s3.uploadSummary', { done: 2, total: 3, stored: '5 B', size: '9 B' }, 3, '2 of 3 files uploaded · 5 B of 9 B'],
      ['result.rows', { count: 1 }, 1, '1 row'],
      ['result.rows', { count: 0 }, 0, '0 rows'],
    ];
    for (const [key, named, n, expected] of cases) expect(t(key, named, n)).toBe(expected);
  });
});
