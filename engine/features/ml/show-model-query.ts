/**
 * The `Query` row of SHOW MODEL: Redshift shows the training query in upper case on one line (its
 * documented outputs read `SELECT AGE, WORKCLASS, … FROM CENSUS_DATA WHERE … < '2020-01-01'`). What the
 * query compares against must stay as written, so string literals ('…', E'…', $tag$…$tag$) and quoted
 * identifiers ("…") keep their case and their inner spacing; everything else is upper-cased and runs of
 * whitespace (line breaks included) become one space.
 */
export function showModelQueryText(query: string): string {
  let out = '';
  let i = 0;
  const n = query.length;
  while (i < n) {
    const ch = query[i] as string;
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < n) {
        if (query[j] === ch) {
          if (query[j + 1] === ch) j += 2; // doubled quote inside the literal
          else break;
        } else if (ch === "'" && query[j] === '\\' && /[eE]$/.test(out) && j + 1 < n) j += 2; // E'…\'…'
        else j++;
      }
      out += query.slice(i, Math.min(j + 1, n));
      i = j + 1;
      continue;
    }
    if (ch === '$') {
      const tag = /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.exec(query.slice(i));
      const end = tag ? query.indexOf(tag[0], i + tag[0].length) : -1;
      if (tag && end >= 0 && !/[A-Za-z0-9_]$/.test(out)) {
        out += query.slice(i, end + tag[0].length);
        i = end + tag[0].length;
        continue;
      }
    }
    if (/\s/.test(ch)) {
      while (i < n && /\s/.test(query[i] as string)) i++;
      if (out.length && i < n) out += ' ';
      continue;
    }
    out += ch.toUpperCase();
    i++;
  }
  return out.trim();
}
