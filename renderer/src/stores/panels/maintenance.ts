import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ident, sql, usePanelState, type Row } from './panel-host';

export interface TableInfo {
  schema: string;
  table: string;
  rows: number;
  visibleRows: number;
  sizeMb: number;
  unsorted: number | null;
  statsOff: number;
  sortkey: string;
  diststyle: string;
}

export const TABLE_INFO_SQL =
  'SELECT "schema", "table", tbl_rows, estimated_visible_rows, size, unsorted, stats_off, sortkey1, diststyle FROM svv_table_info ORDER BY "schema", "table"';

function toInfo(r: Row): TableInfo {
  return {
    schema: String(r.schema),
    table: String(r.table),
    rows: Number(r.tbl_rows ?? 0),
    visibleRows: Number(r.estimated_visible_rows ?? 0),
    sizeMb: Number(r.size ?? 0),
    unsorted: r.unsorted === null || r.unsorted === undefined ? null : Number(r.unsorted),
    statsOff: Number(r.stats_off ?? 0),
    sortkey: r.sortkey1 === null || r.sortkey1 === undefined ? '' : String(r.sortkey1),
    diststyle: String(r.diststyle ?? ''),
  };
}

/** Table maintenance panel: SVV_TABLE_INFO per table, VACUUM / ANALYZE with a before/after view. */
export const useMaintenancePanel = defineStore('panel-maintenance', () => {
  const state = usePanelState();
  const tables = ref<TableInfo[]>([]);
  const comparison = ref<{ command: string; before: TableInfo; after: TableInfo | undefined }>();

  async function refresh(): Promise<void> {
    await state.load(async () => {
      const [rows] = await sql(TABLE_INFO_SQL);
      tables.value = (rows ?? []).map(toInfo);
    });
  }

  /** Runs VACUUM [FULL|SORT ONLY|DELETE ONLY] or ANALYZE on one table and keeps its row before and after. */
  async function maintain(t: TableInfo, command: 'VACUUM' | 'VACUUM SORT ONLY' | 'VACUUM DELETE ONLY' | 'ANALYZE'): Promise<boolean> {
    const statement = `${command} ${ident(t.schema)}.${ident(t.table)}`;
    const before = { ...t };
    const done = await state.guard(() => sql(statement, { change: true }));
    await refresh();
    if (done === undefined) return false;
    comparison.value = { command: statement, before, after: tables.value.find((x) => x.schema === t.schema && x.table === t.table) };
    return true;
  }

  return { ...state, tables, comparison, refresh, maintain };
});
