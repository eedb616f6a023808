// The engine host's progress messages for files uploaded with `aws s3 cp` (the S3 panel's drops):
// per file, indeterminate while it is stored, then done = total = its size; a failed file ends at 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../engine/api/types';
import { openTempWorkspace } from '../../engine/node';
import { createHostHandlers } from '../../engine/host/host-core';
import type { EmbeddedWarehouse } from '../../engine/warehouse/embedded-warehouse';

let warehouse: EmbeddedWarehouse;
const events: Progress[] = [];
let handlers: ReturnType<typeof createHostHandlers>;
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

beforeAll(async () => {
  warehouse = await openTempWorkspace();
  handlers = createHostHandlers({
    engineVersion: 'test',
    emit: (event, payload) => {
      if (event === 'progress') events.push(payload as Progress);
    },
    loadLabs: async () => undefined,
    openWorkspace: async () => ({ warehouse, created: false, location: 'temp', kind: 'node-dir' }),
  });
  await handlers['console.run']({ line: 'aws s3 mb s3://upload-progress' });
}, 120_000);
afterAll(async () => {
  await warehouse.close();
});

describe('upload progress messages', () => {
  it('report each file of a recursive upload as stored, in order, with its size', async () => {
    events.length = 0;
    const result = await handlers['console.run']({ line: 'aws s3 cp in s3://upload-progress/in/ --recursive', files: [file('in/a.csv', 'a\n1\n'), file('in/b.csv', 'b\n22\n333\n')] });
    expect(result.exitCode, result.stderr).toBe(0);
    const uploads = events.filter((e) => e.phase === 'upload');
    expect(uploads).toEqual([
      { phase: 'upload', done: 0, unit: 'bytes', message: 'in/a.csv' },
      { phase: 'upload', done: 4, total: 4, unit: 'bytes', message: 'in/a.csv' },
      { phase: 'upload', done: 0, unit: 'bytes', message: 'in/b.csv' },
      { phase: 'upload', done: 9, total: 9, unit: 'bytes', message: 'in/b.csv' },
    ]);
    const { bytes } = await handlers['s3.getObject']({ bucket: 'upload-progress', key: 'in/b.csv' });
    expect(bytes.length).toBe(9);
  });

  it('end a file that could not be stored at 0 bytes, so no bar stays open', async () => {
    events.length = 0;
    const result = await handlers['console.run']({ line: 'aws s3 cp c.csv s3://Bad_Bucket/c.csv', files: [file('c.csv', 'c\n')] });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('InvalidBucketName');
    expect(events.filter((e) => e.phase === 'upload')).toEqual([
      { phase: 'upload', done: 0, unit: 'bytes', message: 'c.csv' },
      { phase: 'upload', done: 0, total: 0, unit: 'bytes', message: 'c.csv' },
    ]);
  });

  it('are not sent for other commands that read a local file', async () => {
    events.length = 0;
    await handlers['console.run']({ line: 'aws s3 ls s3://upload-progress/', files: [file('x.csv', 'x')] });
    expect(events.filter((e) => e.phase === 'upload')).toEqual([]);
  });

  it('upload a lab file named as the lab solutions name it (lab-files/…), with progress', async () => {
    await warehouse.store.writeFile('lab-files/generated.csv', new TextEncoder().encode('id\n1\n2\n'));
    events.length = 0;
    const result = await handlers['console.run']({ line: 'aws s3 cp lab-files/generated.csv s3://upload-progress/lab/generated.csv' });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(events.filter((e) => e.phase === 'upload').at(-1)).toEqual({ phase: 'upload', done: 7, total: 7, unit: 'bytes', message: 'lab-files/generated.csv' });
    const { bytes } = await handlers['s3.getObject']({ bucket: 'upload-progress', key: 'lab/generated.csv' });
    expect(new TextDecoder().decode(bytes)).toBe('id\n1\n2\n');
    const missing = await handlers['console.run']({ line: 'aws s3 cp lab-files/none.csv s3://upload-progress/lab/none.csv' });
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stderr).toContain('The user-provided path lab-files/none.csv does not exist.');
  });
});
