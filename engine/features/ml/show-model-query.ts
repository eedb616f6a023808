import { tokenize } from '../../sql/tokenizer';

/**
 * The `Query` row of SHOW MODEL: Redshift shows the training query in upper case on one line (its
 * documented outputs read `SELECT AGE, WORKCLASS, … FROM CENSUS_DATA WHERE … < '2020-01-01'`). What the
 * query compares against must stay as written, so string literals ('…', E'…', $tag$…$tag$) and quoted
 * identifiers ("…") keep their case and their inner spacing (a literal's E/N/B/X prefix is upper-cased);
 * everything else is upper-cased and runs of whitespace (line breaks included) become one space.
 */
export function showModelQueryText(query: string): string {
  return tokenize(query)
    .map((t) => {
      if (t.kind === 'space') return ' ';
      if (t.kind === 'quoted') return t.text;
      if (t.kind === 'string') return /^[A-Za-z]'/.test(t.text) ? t.text[0]!.toUpperCase() + t.text.slice(1) : t.text;
      return t.text.toUpperCase();
    })
    .join('')
    .trim();
}
