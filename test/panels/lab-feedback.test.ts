// The lab runner's check feedback reads naturally: the grader's message already opens with its
// verdict ("Not yet: …" / "아직입니다: …"), so the runner must not print the verdict word again.
import { describe, expect, it } from 'vitest';
import { feedbackMessage } from '../../engine/labs/grader';
import type { CheckResult } from '../../engine/labs/checks/result';
import { feedbackParts } from '../../renderer/src/components/lab-feedback';
import en from '../../renderer/src/i18n/en';
import ko from '../../renderer/src/i18n/ko';

const words = { en: { passed: en.labs.passed, failed: en.labs.failed }, ko: { passed: ko.labs.passed, failed: ko.labs.failed } };
const count = (text: string, word: string) => text.split(word).length - 1;
const failedCheck: CheckResult = {
  id: 'table-exists',
  passed: false,
  description: { ko: '테이블 analytics.sales가 있어야 합니다', en: 'Table analytics.sales exists' },
  details: [{ ko: '테이블이 없습니다', en: 'the table is missing' }],
};

describe('lab check feedback', () => {
  for (const lang of ['en', 'ko'] as const) {
    it(`names the verdict once (${lang})`, () => {
      const failing = { passed: false, message: feedbackMessage({ passed: false, checks: [failedCheck] }) };
      const parts = feedbackParts(failing, lang, words[lang].failed);
      const shown = `${parts.verdict} ${parts.details}`;
      expect(count(shown, words[lang].failed)).toBe(1);
      expect(parts.verdict).toBe(failing.message[lang].split('\n')[0]);
      expect(parts.details).toContain(failedCheck.description![lang]);
      expect(parts.details).toContain(failedCheck.details[0]![lang]);

      const passing = { passed: true, message: feedbackMessage({ passed: true, checks: [] }) };
      const ok = feedbackParts(passing, lang, words[lang].passed);
      expect(count(`${ok.verdict} ${ok.details}`, words[lang].passed)).toBe(1);
      expect(ok.details).toBe('');
    });
  }

  it('puts the verdict word before a message that has none (an error while checking)', () => {
    const parts = feedbackParts({ passed: false, message: { ko: 'labs not installed', en: 'labs not installed' } }, 'en', 'Not yet');
    expect(parts).toEqual({ verdict: 'Not yet', details: 'labs not installed' });
  });
});
