import type { CheckOutcome } from '../../../engine/host/contract';

export interface FeedbackParts {
  /** Shown in bold: the grader's own first line ("Not yet: 2 checks failed."), else the UI's verdict word. */
  verdict: string;
  details: string;
}

/**
 * A check outcome for the lab runner. The grader's message already opens with its verdict line
 * (engine/labs/grader.ts, in both languages), so it is not prefixed again with the UI's word;
 * other messages (an error while checking) get the word.
 */
export function feedbackParts(outcome: CheckOutcome, lang: 'ko' | 'en', verdictWord: string): FeedbackParts {
  const message = outcome.message[lang].trim();
  const cut = message.indexOf('\n');
  const first = cut === -1 ? message : message.slice(0, cut);
  const word = verdictWord.trim();
  if (word && first.toLocaleLowerCase().startsWith(word.toLocaleLowerCase())) {
    return { verdict: first, details: cut === -1 ? '' : message.slice(cut + 1) };
  }
  return { verdict: word, details: message };
}
