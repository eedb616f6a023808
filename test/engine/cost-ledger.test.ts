import { describe, expect, it } from 'vitest';
import { accrue, addCost, readLedger } from '../../engine/features/cluster/cost-meter';
import { MemoryStore } from '../../engine/workspace/memory-store';

describe('cost ledger', () => {
  it('keeps every charge when usage charges and accruals arrive at once', async () => {
    const store = new MemoryStore();
    const accrual = { hours: 1, billedNodes: 2, snapshotBytes: 0, freeSnapshotBytes: 0, managedBytes: 0 };
    // A model finishing in the background charges while statements accrue node-hours.
    await Promise.all(Array.from({ length: 20 }, (_, i) => [addCost(store, 'ml', 1.5, `CREATE MODEL m${i}`), accrue(store, accrual)]).flat());
    const ledger = await readLedger(store);
    const line = (kind: string) => ledger.lines.find((l) => l.kind === kind);
    expect(line('ml')).toMatchObject({ quantity: 20, usd: 30 });
    expect(line('compute')?.quantity).toBe(40);
    expect(ledger.events.filter((e) => e.kind === 'ml')).toHaveLength(20);
  });
});
