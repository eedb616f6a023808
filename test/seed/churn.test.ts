import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CHARGE_RATES, CHURN_COLUMNS, churnCsv, generateChurnData } from '../../engine/seed/churn';
import type { GeneratedTable } from '../../engine/seed/types';
import { checksum, col } from './helpers';

const LECTURE_COLUMNS = [
  'state', 'account_length', 'area_code', 'international_plan', 'voice_mail_plan', 'number_vmail_messages',
  'total_day_minutes', 'total_day_calls', 'total_day_charge', 'total_eve_minutes', 'total_eve_calls', 'total_eve_charge',
  'total_night_minutes', 'total_night_calls', 'total_night_charge', 'total_intl_minutes', 'total_intl_calls',
  'total_intl_charge', 'customer_service_calls', 'churn', 'purpose',
];

const data = generateChurnData(1);

function churnRate(table: GeneratedTable, where: (r: number) => boolean): number {
  const churn = col<string>(table, 'churn');
  let n = 0;
  let yes = 0;
  for (let r = 0; r < table.rowCount; r++) {
    if (!where(r)) continue;
    n++;
    if (churn[r] === 'True') yes++;
  }
  return yes / n;
}

function totalCharge(table: GeneratedTable, r: number): number {
  return ['day', 'eve', 'night', 'intl'].reduce((s, k) => s + col<number>(table, `total_${k}_charge`)[r]!, 0);
}

describe('generateChurnData', () => {
  it('has the lecture table layout: 20 attributes + purpose, 3,333 rows', () => {
    expect(data.schema).toBe('raw_data');
    expect(data.name).toBe('orange_telecom_customers');
    expect(data.columns.map((c) => c.name)).toEqual(LECTURE_COLUMNS);
    expect(CHURN_COLUMNS.map((c) => c.name)).toEqual(LECTURE_COLUMNS);
    expect(data.columns[0]).toEqual({ name: 'state', type: 'varchar(2)' });
    expect(data.rowCount).toBe(3333);
    for (const column of data.rows) expect(column).toHaveLength(3333);
  });

  it('splits Train/Test about 80/20', () => {
    const purpose = col<string>(data, 'purpose');
    expect(new Set(purpose)).toEqual(new Set(['Train', 'Test']));
    const test = purpose.filter((p) => p === 'Test').length / purpose.length;
    expect(test).toBeGreaterThan(0.18);
    expect(test).toBeLessThan(0.22);
  });

  it('has plausible categorical and integer values', () => {
    expect(col<string>(data, 'state').every((s) => /^[A-Z]{2}$/.test(s))).toBe(true);
    expect(new Set(col<string>(data, 'state')).size).toBeGreaterThan(45);
    expect(new Set(col<number>(data, 'area_code'))).toEqual(new Set([408, 415, 510]));
    for (const name of ['international_plan', 'voice_mail_plan']) expect(new Set(col(data, name))).toEqual(new Set(['No', 'Yes']));
    expect(new Set(col(data, 'churn'))).toEqual(new Set(['False', 'True']));
    for (const c of data.columns.filter((c) => c.type === 'integer')) {
      expect(col<number>(data, c.name).every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    }
    const vm = col<string>(data, 'voice_mail_plan');
    col<number>(data, 'number_vmail_messages').forEach((n, r) => expect(n > 0).toBe(vm[r] === 'Yes'));
    const intlShare = col<string>(data, 'international_plan').filter((v) => v === 'Yes').length / data.rowCount;
    expect(intlShare).toBeGreaterThan(0.07);
    expect(intlShare).toBeLessThan(0.13);
  });

  it('has marginals close to the public data set', () => {
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(col<number>(data, 'total_day_minutes'))).toBeGreaterThan(170);
    expect(mean(col<number>(data, 'total_day_minutes'))).toBeLessThan(190);
    expect(mean(col<number>(data, 'account_length'))).toBeGreaterThan(95);
    expect(mean(col<number>(data, 'account_length'))).toBeLessThan(107);
    expect(mean(col<number>(data, 'customer_service_calls'))).toBeGreaterThan(1.4);
    expect(mean(col<number>(data, 'customer_service_calls'))).toBeLessThan(1.75);
    expect(mean(col<number>(data, 'total_intl_calls'))).toBeGreaterThan(4.2);
    expect(mean(col<number>(data, 'total_intl_calls'))).toBeLessThan(4.8);
  });

  it('has minutes with one decimal and charge = minutes × rate (within rounding)', () => {
    for (const [period, thousandths] of Object.entries(CHARGE_RATES)) {
      const minutes = col<number>(data, `total_${period}_minutes`);
      const charges = col<number>(data, `total_${period}_charge`);
      const bad = minutes.filter((m, r) => {
        const charge = charges[r]!;
        return (
          Math.abs(m * 10 - Math.round(m * 10)) > 1e-9 || // one decimal
          Math.abs(charge * 100 - Math.round(charge * 100)) > 1e-6 || // two decimals
          Math.abs(charge - (m * thousandths) / 1000) > 0.005 + 1e-9 // minutes × rate, rounded to cents
        );
      });
      expect(bad).toEqual([]);
      expect(charges.some((c) => c > 0)).toBe(true);
    }
    expect(CHARGE_RATES).toEqual({ day: 170, eve: 85, night: 45, intl: 270 });
  });

  it('churns 12–17% overall, for several seeds', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rate = churnRate(seed === 1 ? data : generateChurnData(seed), () => true);
      expect(rate).toBeGreaterThan(0.12);
      expect(rate).toBeLessThan(0.17);
    }
  });

  it('relates churn to service calls, plans and total charge like the real data', () => {
    const cs = col<number>(data, 'customer_service_calls');
    const intl = col<string>(data, 'international_plan');
    const vm = col<string>(data, 'voice_mail_plan');
    const manyCalls = churnRate(data, (r) => cs[r]! >= 4);
    const fewCalls = churnRate(data, (r) => cs[r]! < 4);
    expect(manyCalls).toBeGreaterThan(0.35);
    expect(manyCalls).toBeGreaterThan(2.5 * fewCalls);
    expect(churnRate(data, (r) => intl[r] === 'Yes')).toBeGreaterThan(2 * churnRate(data, (r) => intl[r] === 'No'));
    const intlMinutes = col<number>(data, 'total_intl_minutes');
    const intlCalls = col<number>(data, 'total_intl_calls');
    expect(churnRate(data, (r) => intl[r] === 'Yes' && (intlMinutes[r]! > 13 || intlCalls[r]! < 3))).toBeGreaterThan(0.8);
    expect(churnRate(data, (r) => totalCharge(data, r) > 74)).toBeGreaterThan(3 * churnRate(data, (r) => totalCharge(data, r) <= 74));
    expect(churnRate(data, (r) => vm[r] === 'Yes')).toBeLessThan(0.7 * churnRate(data, (r) => vm[r] === 'No'));
  });

  it('is deterministic per seed', () => {
    expect(checksum(generateChurnData(1))).toBe(checksum(data));
    const other = generateChurnData(2);
    expect(checksum(other)).not.toBe(checksum(data));
    expect(other.rowCount).toBe(data.rowCount);
    expect(checksum(generateChurnData())).toBe(checksum(data)); // default seed 1
  });
});

describe('churnCsv', () => {
  it('writes a snake_case header and rows that parse back to the same values', () => {
    const csv = churnCsv(data, { header: true });
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(LECTURE_COLUMNS.join(','));
    expect(lines).toHaveLength(3334);
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { delimiter: ',' });
    expect(parsed.errors).toEqual([]);
    const body = parsed.data.slice(1);
    expect(body.every((fields) => fields.length === 21)).toBe(true);
    const mismatches: string[] = [];
    data.columns.forEach((c, i) => {
      const column = data.rows[i]!;
      body.forEach((fields, r) => {
        const value = column[r];
        const back = typeof value === 'number' ? Number(fields[i]) : fields[i];
        if (back !== value) mismatches.push(`${c.name}[${r}]: ${String(value)} -> ${fields[i]}`);
      });
    });
    expect(mismatches).toEqual([]);
  });

  it('has a header by default and none when asked', () => {
    expect(churnCsv(data).startsWith('state,account_length,')).toBe(true);
    const noHeader = churnCsv(data, { header: false });
    expect(noHeader.split('\n')[0]).toMatch(/^[A-Z]{2},\d+,(408|415|510),/);
  });
});
