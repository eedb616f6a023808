/**
 * A synthetic stand-in for the lecture's Orange Telecom (BigML) churn data
 * set: raw_data.orange_telecom_customers, 3,333 customers, 20 attributes plus
 * `purpose` ('Train' 80 % / 'Test' 20 %).
 *
 * Marginals (means, spreads, ranges, category shares) imitate the public data
 * set; no row of it is reproduced. Churn follows rules of the same kind as the
 * real data shows: international-plan customers with long or few
 * international calls almost always leave, many customer-service calls
 * (≥ 4) with low day usage mostly leave, a high total charge without a voice
 * mail plan mostly leaves, and the voice mail plan lowers churn overall.
 */
import { toCsv, type CsvOptions } from './csv';
import { Rng } from './prng';
import { makeTable, type CellValue, type ColumnDef, type GeneratedTable } from './types';

export const CHURN_ROW_COUNT = 3333;
export const CHURN_TEST_COUNT = 667; // 20 % of 3,333, as in the BigML 80/20 split

/** Charge per minute in thousandths of a currency unit: day 0.17, evening 0.085, night 0.045, international 0.27. */
export const CHARGE_RATES = { day: 170, eve: 85, night: 45, intl: 270 } as const;

export const CHURN_COLUMNS: readonly ColumnDef[] = [
  { name: 'state', type: 'varchar(2)' },
  { name: 'account_length', type: 'integer' },
  { name: 'area_code', type: 'integer' },
  { name: 'international_plan', type: 'varchar' },
  { name: 'voice_mail_plan', type: 'varchar' },
  { name: 'number_vmail_messages', type: 'integer' },
  { name: 'total_day_minutes', type: 'float8' },
  { name: 'total_day_calls', type: 'integer' },
  { name: 'total_day_charge', type: 'float8' },
  { name: 'total_eve_minutes', type: 'float8' },
  { name: 'total_eve_calls', type: 'integer' },
  { name: 'total_eve_charge', type: 'float8' },
  { name: 'total_night_minutes', type: 'float8' },
  { name: 'total_night_calls', type: 'integer' },
  { name: 'total_night_charge', type: 'float8' },
  { name: 'total_intl_minutes', type: 'float8' },
  { name: 'total_intl_calls', type: 'integer' },
  { name: 'total_intl_charge', type: 'float8' },
  { name: 'customer_service_calls', type: 'integer' },
  { name: 'churn', type: 'varchar' },
  { name: 'purpose', type: 'varchar' },
];

// prettier-ignore
const STATES = [
  'AK', 'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'IA', 'ID', 'IL', 'IN', 'KS',
  'KY', 'LA', 'MA', 'MD', 'ME', 'MI', 'MN', 'MO', 'MS', 'MT', 'NC', 'ND', 'NE', 'NH', 'NJ', 'NM', 'NV',
  'NY', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VA', 'VT', 'WA', 'WI', 'WV', 'WY',
];
/** Roughly even, with a few busier states (West Virginia stands out in the original). */
const STATE_WEIGHTS = STATES.map((s) => (s === 'WV' ? 1.6 : s === 'CA' || s === 'IA' ? 0.55 : ['MN', 'NY', 'AL', 'OH', 'OR', 'WI'].includes(s) ? 1.25 : 1));

const AREA_CODES = [408, 415, 510];
const AREA_CODE_WEIGHTS = [0.25, 0.5, 0.25];

/** Share of customers by number of customer-service calls, 0..9. */
const SERVICE_CALL_WEIGHTS = [697, 1181, 759, 429, 166, 66, 22, 9, 2, 2];

/** Minutes rounded to one decimal, as tenths (an integer, to keep the charge arithmetic exact). */
function tenths(rng: Rng, mean: number, sd: number, min: number, max: number): number {
  return Math.round(rng.clampedNormal(mean, sd, min, max) * 10);
}

function count(rng: Rng, mean: number, sd: number, min: number, max: number): number {
  return Math.round(rng.clampedNormal(mean, sd, min, max));
}

/** charge = minutes × rate, rounded half up to cents, from integer tenths and thousandths. */
export function chargeFor(minutesTenths: number, rateThousandths: number): number {
  return Math.round((minutesTenths * rateThousandths) / 100) / 100;
}

/** The attributes the churn rules look at. */
export interface ChurnFeatures {
  intlPlan: boolean;
  voiceMail: boolean;
  dayMinutes: number;
  intlMinutes: number;
  intlCalls: number;
  serviceCalls: number;
  totalCharge: number;
}

/** Probability of churn, tree-like (mirrors the splits a decision tree finds in the original data). */
export function churnProbability(c: ChurnFeatures): number {
  if (c.intlPlan) return c.intlMinutes > 13 || c.intlCalls < 3 ? 0.97 : 0.11;
  if (c.serviceCalls >= 4) return c.dayMinutes < 160 ? (c.voiceMail ? 0.7 : 0.88) : c.voiceMail ? 0.16 : 0.33;
  if (c.totalCharge > 74) return c.voiceMail ? 0.1 : 0.8;
  if (c.totalCharge > 68) return c.voiceMail ? 0.05 : 0.16;
  return c.voiceMail ? 0.02 : 0.035;
}

export function generateChurnData(seed = 1): GeneratedTable {
  const rng = new Rng(seed, 101);
  const n = CHURN_ROW_COUNT;
  const cols = Object.fromEntries(CHURN_COLUMNS.map((c) => [c.name, [] as CellValue[]])) as Record<string, CellValue[]>;
  const push = (name: string, value: CellValue): void => {
    (cols[name] as CellValue[]).push(value);
  };

  const isTest = new Array<boolean>(n).fill(false);
  for (const i of rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, CHURN_TEST_COUNT)) isTest[i] = true;

  for (let i = 0; i < n; i++) {
    const intlPlan = rng.bool(0.097);
    const voiceMail = rng.bool(0.277);
    const day = tenths(rng, 179.8, 54.5, 0, 350.8);
    const eve = tenths(rng, 201, 50.7, 0, 363.7);
    const night = tenths(rng, 200.9, 50.6, 23.2, 395);
    // over-dispersed Poisson for the number of international calls (mean ≈ 4.5, sd ≈ 2.5)
    const intlCalls = Math.min(20, rng.poisson(4.48 * rng.logNormal(-0.045, 0.3)));
    const intl = intlCalls === 0 ? 0 : tenths(rng, 10.24, 2.79, 0, 20);
    const charges = {
      day: chargeFor(day, CHARGE_RATES.day),
      eve: chargeFor(eve, CHARGE_RATES.eve),
      night: chargeFor(night, CHARGE_RATES.night),
      intl: chargeFor(intl, CHARGE_RATES.intl),
    };
    const serviceCalls = rng.weightedIndex(SERVICE_CALL_WEIGHTS);
    const churned = rng.bool(
      churnProbability({
        intlPlan,
        voiceMail,
        dayMinutes: day / 10,
        intlMinutes: intl / 10,
        intlCalls,
        serviceCalls,
        totalCharge: charges.day + charges.eve + charges.night + charges.intl,
      }),
    );

    push('state', rng.weighted(STATES, STATE_WEIGHTS));
    push('account_length', count(rng, 101.1, 39.8, 1, 243));
    push('area_code', rng.weighted(AREA_CODES, AREA_CODE_WEIGHTS));
    push('international_plan', intlPlan ? 'Yes' : 'No');
    push('voice_mail_plan', voiceMail ? 'Yes' : 'No');
    push('number_vmail_messages', voiceMail ? count(rng, 29.3, 7.55, 4, 51) : 0);
    push('total_day_minutes', day / 10);
    push('total_day_calls', count(rng, 100.4, 20.1, 0, 165));
    push('total_day_charge', charges.day);
    push('total_eve_minutes', eve / 10);
    push('total_eve_calls', count(rng, 100.1, 19.9, 0, 170));
    push('total_eve_charge', charges.eve);
    push('total_night_minutes', night / 10);
    push('total_night_calls', count(rng, 100.1, 19.6, 33, 175));
    push('total_night_charge', charges.night);
    push('total_intl_minutes', intl / 10);
    push('total_intl_calls', intlCalls);
    push('total_intl_charge', charges.intl);
    push('customer_service_calls', serviceCalls);
    push('churn', churned ? 'True' : 'False');
    push('purpose', isTest[i] ? 'Test' : 'Train');
  }
  return makeTable('raw_data', 'orange_telecom_customers', [...CHURN_COLUMNS], cols);
}

/**
 * The churn table as CSV for upload to (local) S3 and
 * `COPY raw_data.orange_telecom_customers … delimiter ',' IGNOREHEADER 1 removequotes`.
 * The header (on by default) uses the lecture's snake_case column names.
 */
export function churnCsv(data: GeneratedTable, options: CsvOptions = {}): string {
  return toCsv(data, { ...options, header: options.header ?? true });
}
