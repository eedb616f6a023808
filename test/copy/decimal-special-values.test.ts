import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedWarehouse, Session } from '../../engine';
import { LocalS3 } from '../../engine/features/s3';
import { parseCopy } from '../../engine/features/copy/copy-options';
import { fastPlan, scanFast } from '../../engine/features/copy/fast-scan';
import { converterFor } from '../../engine/features/copy/field-types';
import { splitStatements } from '../../engine/sql/splitter';
import { openCopyWorkspace } from './copy-workspace';

// PostgreSQL's numeric reads 'NaN' and 'Infinity'; Redshift's DECIMAL has neither, on either COPY path.
let wh: EmbeddedWarehouse;
let s: Session;
let arn: string;
let s3: LocalS3;
beforeAll(async () => {
  ({ wh, s, s3, arn } = await openCopyWorkspace('NanRole', ['AmazonS3FullAccess']));
  await s3.createBucket('nan-bucket');
  await s.execute('CREATE TABLE amounts (id integer NOT NULL, amount decimal(10,2), ratio float8)');
});
afterAll(async () => {
  await s?.close();
  await wh?.close();
});

const SPECIALS = ['NaN', 'nan', 'Infinity', '-Infinity', 'inf'];
const query = async (sql: string) => {
  const out = (await s.execute(sql)).at(-1)!;
  if (!out.ok) throw new Error(out.error.message);
  return out.result.rows;
};
const copy = async (key: string, options = '') => (await s.execute(`COPY amounts FROM 's3://nan-bucket/${key}' IAM_ROLE '${arn}' DELIMITER ',' ${options}`)).at(-1)!;
const lastErrors = () =>
  query(`SELECT line_number, trim(colname), trim(raw_field_value), err_code, trim(err_reason) FROM stl_load_errors
    WHERE query = (SELECT max(query) FROM stl_load_errors) ORDER BY line_number`);
// Redshift names the first character that can't continue a number, and its position.
const REASONS = ["Value 'N', Pos 0", "Value 'n', Pos 0", "Value 'I', Pos 0", "Value 'I', Pos 1", "Value 'i', Pos 0"];
const expectedErrors = SPECIALS.map((v, i) => [i + 1, 'amount', v, 1209, `Invalid digit, ${REASONS[i]}, Type: Decimal`]);

describe('NaN and Infinity in a DECIMAL column', () => {
  it('are refused by the fast scan and by the row checker', () => {
    const plan = fastPlan(parseCopy(splitStatements(`COPY amounts FROM 's3://b/k' IAM_ROLE 'x' DELIMITER ','`)[0]!), [
      { name: 'id', type: 'integer', notNull: true },
      { name: 'amount', type: 'numeric(10,2)', notNull: false },
    ], (n) => `"${n}"`)!;
    expect(scanFast(new TextEncoder().encode('1,2.50\n'), plan)).toBe(1);
    const convert = converterFor({ name: 'amount', type: 'numeric(10,2)', notNull: false }, { dateFormat: 'auto', timeFormat: 'auto', truncateColumns: false });
    for (const value of SPECIALS) {
      expect(scanFast(new TextEncoder().encode(`1,${value}\n`), plan), value).toBeUndefined();
      expect(convert(value), value).toEqual({ ok: false, code: 1209, reason: expectedErrors[SPECIALS.indexOf(value)]![4] });
    }
    expect(convert('-12.5')).toEqual({ ok: true, value: '-12.5' });
  });

  it('fail the load with the same STL_LOAD_ERRORS rows whichever path reads the file, and load nothing', async () => {
    await s3.put('nan-bucket', 'special.csv', SPECIALS.map((v, i) => `${i + 1},${v},1.5\n`).join(''));
    for (const options of ['', 'FILLRECORD' /* forces the row-checking path */]) {
      const out = await copy('special.csv', options);
      expect(out.ok, options).toBe(false);
      if (!out.ok) expect(out.error.message).toBe("Load into table 'amounts' failed.  Check 'stl_load_errors' system table for details.");
      expect(await lastErrors()).toEqual(expectedErrors);
      expect(await query('SELECT count(*) FROM amounts')).toEqual([[0]]);
    }
  });

  it('leave the good rows to MAXERROR, and FLOAT columns still take them', async () => {
    await s3.put('nan-bucket', 'mixed.csv', '1,1.25,NaN\n2,NaN,2\n3,-0.5,-Infinity\n');
    const out = await copy('mixed.csv', 'MAXERROR 3');
    expect(out.ok).toBe(true);
    expect(await query('SELECT id, amount, ratio FROM amounts ORDER BY id')).toEqual([[1, '1.25', NaN], [3, '-0.50', -Infinity]]);
    expect(await lastErrors()).toEqual([[2, 'amount', 'NaN', 1209, "Invalid digit, Value 'N', Pos 0, Type: Decimal"]]);
  });
});
