import { describe, expect, it } from 'vitest';
import { showModelQueryText } from '../../engine/features/ml/show-model-query';
import { showModelRows } from '../../engine/features/ml/show-model-handler';
import type { ModelDefinition } from '../../engine/features/ml/model-store';

describe("SHOW MODEL's Query row", () => {
  it('upper-cases the query on one line but keeps string literals and quoted identifiers as written', () => {
    expect(showModelQueryText("select a, b\n  from  t\twhere purpose = 'Train'")).toBe("SELECT A, B FROM T WHERE PURPOSE = 'Train'");
    expect(showModelQueryText(`SELECT "Mixed Case", x FROM s."Tbl" WHERE n LIKE 'it''s  a test' AND d < '2020-01-01'`)).toBe(
      `SELECT "Mixed Case", X FROM S."Tbl" WHERE N LIKE 'it''s  a test' AND D < '2020-01-01'`,
    );
    expect(showModelQueryText("select * from t where s = e'a\\'b c' and q = $$Keep  Me$$ and r = $t$x$t$")).toBe(
      "SELECT * FROM T WHERE S = E'a\\'b c' AND Q = $$Keep  Me$$ AND R = $t$x$t$",
    );
    // an unterminated literal (the parser would have refused it) is kept to the end rather than dropped
    expect(showModelQueryText("select 'abc")).toBe("SELECT 'abc");
  });

  it('is what showModelRows prints for a query (a table name is printed as given)', () => {
    const def = {
      schema: 'public', name: 'm', owner: 'awsuser', createdAt: '2024-01-02T03:04:05Z', jobName: 'redshiftml-1',
      from: { kind: 'query', text: "SELECT age, label FROM census WHERE split = 'Train'" }, target: 'label',
      functionName: 'f', paramNames: ['age'], paramTypes: ['int4'], returnType: 'bool', iamRole: 'default', iamRoleArn: '',
      settings: { s3Bucket: 'b', maxRuntime: 5400 }, auto: true, modelType: null, problemType: null, objective: null,
      preprocessors: null, hyperparameters: {}, exportPrefix: '', state: 'TRAINING',
    } as unknown as ModelDefinition;
    const rows = new Map(showModelRows(def, true).map(([k, v]) => [k, v]));
    expect(rows.get('Query')).toBe("SELECT AGE, LABEL FROM CENSUS WHERE SPLIT = 'Train'");
    const byTable = new Map(showModelRows({ ...def, from: { kind: 'table', text: 'public.census' } }, true).map(([k, v]) => [k, v]));
    expect(byTable.get('Table')).toBe('public.census');
  });
});
