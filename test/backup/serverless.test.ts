import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedWarehouse, Session } from '../../engine';
import { openTempWorkspace } from '../../engine/node';
import { costSummary } from '../../engine/features/cluster';
import { meterStatements, RPU_HOUR_USD } from '../../engine/features/cluster/rpu-meter';
import { inProcessAws } from './in-process-aws';

/** Serverless snapshots (create/get/list/delete) and RPU billing, in process. */
let warehouse: EmbeddedWarehouse;
let admin: Session;

const aws = inProcessAws(() => warehouse);
const rpuLine = async () => (await costSummary(warehouse)).ledger.lines.find((l) => l.kind === 'serverless-compute');

beforeAll(async () => {
  warehouse = await openTempWorkspace({ seeded: false });
  admin = await warehouse.session();
});
afterAll(async () => {
  await admin.close();
  await warehouse.close();
});

describe('serverless snapshots', () => {
  it('creates, gets, lists and deletes a snapshot with the Serverless API shapes', async () => {
    await admin.query('CREATE TABLE public.kept (id int); INSERT INTO public.kept VALUES (1), (2)');
    await aws('redshift-serverless create-namespace --namespace-name lab-ns');
    const created = await aws('redshift-serverless create-snapshot --namespace-name lab-ns --snapshot-name before-change --retention-period 7');
    expect(created.exitCode, created.stderr).toBe(0);
    expect(created.json.snapshot).toMatchObject({
      snapshotName: 'before-change',
      namespaceName: 'lab-ns',
      status: 'AVAILABLE',
      snapshotRetentionPeriod: 7,
      snapshotRemainingDays: 7,
      adminUsername: 'awsuser',
      snapshotArn: expect.stringMatching(/^arn:aws:redshift-serverless:ap-northeast-2:\d{12}:snapshot\/before-change$/),
      namespaceArn: expect.stringMatching(/^arn:aws:redshift-serverless:ap-northeast-2:\d{12}:namespace\//),
    });
    expect(created.json.snapshot.totalBackupSizeInMegaBytes).toBeGreaterThanOrEqual(0);
    expect((await aws('redshift-serverless create-snapshot --namespace-name lab-ns --snapshot-name before-change')).stderr).toContain('(ConflictException)');
    expect((await aws('redshift-serverless create-snapshot --namespace-name nope --snapshot-name other')).stderr).toContain('(ResourceNotFoundException)');
    expect((await aws('redshift-serverless create-snapshot --namespace-name lab-ns --snapshot-name Bad_Name')).stderr).toContain('(ValidationException)');

    const got = await aws('redshift-serverless get-snapshot --snapshot-name before-change');
    expect(got.json.snapshot).toEqual(created.json.snapshot);
    const listed = await aws('redshift-serverless list-snapshots --namespace-name lab-ns');
    expect(listed.json.snapshots.map((s: any) => s.snapshotName)).toEqual(['before-change']);

    const deleted = await aws('redshift-serverless delete-snapshot --snapshot-name before-change');
    expect(deleted.exitCode, deleted.stderr).toBe(0);
    expect(deleted.json.snapshot).toMatchObject({ snapshotName: 'before-change', namespaceName: 'lab-ns', status: 'DELETED' });
    expect((await aws('redshift-serverless list-snapshots')).json.snapshots).toEqual([]);
    const missing = await aws('redshift-serverless get-snapshot --snapshot-name before-change');
    expect([missing.exitCode, missing.stderr.trim()]).toEqual([254, 'An error occurred (ResourceNotFoundException) when calling the GetSnapshot operation: Snapshot before-change not found.']);
    const again = await aws('redshift-serverless delete-snapshot --snapshot-name before-change');
    expect(again.stderr.trim()).toBe('An error occurred (ResourceNotFoundException) when calling the DeleteSnapshot operation: Snapshot before-change not found.');
    expect((await aws('redshift-serverless delete-snapshot')).exitCode).toBe(252);
    // A cluster snapshot is not a serverless snapshot.
    await aws('redshift create-cluster-snapshot --cluster-identifier redshift-cluster-1 --snapshot-identifier cluster-one');
    expect((await aws('redshift-serverless delete-snapshot --snapshot-name cluster-one')).stderr).toContain('(ResourceNotFoundException)');
    expect((await aws('redshift describe-cluster-snapshots --snapshot-identifier cluster-one')).exitCode).toBe(0);
  });

  it('a deleted snapshot frees its storage once nothing else refers to it', async () => {
    await admin.query('CREATE TABLE public.big AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 20000) g');
    await aws('redshift-serverless create-snapshot --namespace-name lab-ns --snapshot-name with-big');
    await admin.query('DROP TABLE public.big');
    const blobs = async () => (await warehouse.store.listFiles('snapshots/blobs/')).length;
    const before = await blobs();
    await aws('redshift-serverless delete-snapshot --snapshot-name with-big');
    expect(await blobs()).toBeLessThan(before);
  });
});

describe('serverless RPU billing', () => {
  it('merges statements into activity periods billed for at least 60 seconds', () => {
    expect(meterStatements([{ start: 0, end: 2 }])).toEqual({ seconds: 60, period: { start: 0, end: 2 } });
    // Starting inside the billed minute joins the period; a long one extends it past the minute.
    expect(meterStatements([{ start: 0, end: 1 }, { start: 30, end: 31 }, { start: 50, end: 95 }]).seconds).toBe(95);
    expect(meterStatements([{ start: 100, end: 101 }, { start: 0, end: 1 }]).seconds).toBe(120);
    // A later batch continues the last period rather than paying a new minimum.
    expect(meterStatements([{ start: 40, end: 41 }], { start: 0, end: 2 }).seconds).toBe(0);
    expect(meterStatements([{ start: 40, end: 75 }], { start: 0, end: 2 }).seconds).toBe(15);
    expect(meterStatements([{ start: 200, end: 201 }], { start: 0, end: 2 }).seconds).toBe(60);
    expect(meterStatements([])).toEqual({ seconds: 0 });
  });

  it('bills nothing without a workgroup, then base capacity × elapsed (60 s minimum) while one serves', async () => {
    await admin.query('SELECT count(*) FROM public.kept');
    expect(await rpuLine()).toBeUndefined();
    const wg = await aws('redshift-serverless create-workgroup --workgroup-name lab-wg --namespace-name lab-ns --base-capacity 32');
    expect(wg.json.workgroup.baseCapacity).toBe(32);
    await admin.query('SELECT count(*) FROM public.kept');
    const first = (await rpuLine())!;
    // One short statement: the 60-second minimum at 32 RPU.
    expect(first.quantity).toBeCloseTo((60 * 32) / 3600, 6);
    expect(first.usd).toBeCloseTo(((60 * 32) / 3600) * RPU_HOUR_USD, 6);
    expect(first.unit).toBe('RPU-hours');
    const bill = await aws('ce get-cost-and-usage');
    const group = bill.json.ResultsByTime[0].Groups.find((g: any) => g.Keys[0] === 'serverless-compute');
    expect(group.Metrics.UsageQuantity).toEqual({ Amount: first.quantity.toFixed(6), Unit: 'RPU-hours' });
    expect(Number(group.Metrics.UnblendedCost.Amount)).toBeCloseTo(0.2, 6);

    // Statements within the minute already billed add nothing; metering twice bills once.
    await admin.execute('SELECT 1; SELECT 2; SELECT 3');
    expect((await rpuLine())!.quantity).toBeCloseTo(first.quantity, 6);

    const dw = await aws('redshift-serverless delete-workgroup --workgroup-name lab-wg');
    expect(dw.exitCode, dw.stderr).toBe(0);
    await admin.query('SELECT count(*) FROM public.kept');
    expect((await rpuLine())!.quantity).toBeCloseTo(first.quantity, 6);
  });

  it('a new workgroup starts a new period, billed at its default base capacity of 128 RPU', async () => {
    const created = await aws('redshift-serverless create-workgroup --workgroup-name lab-wg2 --namespace-name lab-ns');
    expect(created.json.workgroup.baseCapacity).toBe(128);
    const before = (await rpuLine())!.quantity;
    await admin.query('SELECT count(*) FROM public.kept');
    const added = (await rpuLine())!.quantity - before;
    expect(added).toBeCloseTo((60 * 128) / 3600, 6);
  });
});
