/**
 * How PostgreSQL text values become JS values: JSON-safe, with dates and timestamps kept in
 * Redshift's text form (`2024-03-03 00:00:00`) rather than turned into JS Dates.
 */
const keepText = (text: string) => text;

const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  timetz: 1266,
  bytea: 17,
  json: 114,
  jsonb: 3802,
  money: 790,
} as const;

function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

export const valueParsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: parseInt8,
  [OID.numeric]: keepText,
  [OID.date]: keepText,
  [OID.time]: keepText,
  [OID.timestamp]: keepText,
  [OID.timestamptz]: keepText,
  [OID.interval]: keepText,
  [OID.timetz]: keepText,
  [OID.bytea]: keepText,
  [OID.money]: keepText,
  [OID.json]: (text) => JSON.parse(text),
  [OID.jsonb]: (text) => JSON.parse(text),
};
