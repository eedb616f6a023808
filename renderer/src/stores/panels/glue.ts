import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ident, sql, usePanelState, type Row } from './panel-host';

export interface GlueTable {
  schema: string;
  name: string;
  location: string;
  inputFormat: string;
  columns: { name: string; type: string; partitionKey: boolean }[];
  partitions: { values: string; location: string }[];
}

/** Glue Data Catalog panel: external schemas (databases), tables, columns and partitions, from SVV_EXTERNAL_*. */
export const useGluePanel = defineStore('panel-glue', () => {
  const state = usePanelState();
  const databases = ref<{ schema: string; database: string; options: string }[]>([]);
  const tables = ref<GlueTable[]>([]);
  const selected = ref<{ schema: string; name: string }>();

  const current = computed(() => tables.value.find((t) => t.schema === selected.value?.schema && t.name === selected.value?.name));

  async function refresh(): Promise<void> {
    await state.load(async () => {
      const [schemas, tabs, cols, parts] = await sql(
        [
          'SELECT schemaname, databasename, esoptions FROM svv_external_schemas ORDER BY schemaname',
          'SELECT schemaname, tablename, location, input_format FROM svv_external_tables ORDER BY schemaname, tablename',
          'SELECT schemaname, tablename, columnname, external_type, part_key FROM svv_external_columns ORDER BY schemaname, tablename, part_key, columnnum',
          'SELECT schemaname, tablename, "values", location FROM svv_external_partitions ORDER BY schemaname, tablename, location',
        ].join(';\n'),
      );
      const s = (r: Row, k: string) => String(r[k] ?? '');
      databases.value = schemas!.map((r) => ({ schema: s(r, 'schemaname'), database: s(r, 'databasename'), options: s(r, 'esoptions') }));
      tables.value = tabs!.map((t) => ({
        schema: s(t, 'schemaname'),
        name: s(t, 'tablename'),
        location: s(t, 'location'),
        inputFormat: s(t, 'input_format'),
        columns: cols!.filter((c) => s(c, 'schemaname') === s(t, 'schemaname') && s(c, 'tablename') === s(t, 'tablename')).map((c) => ({ name: s(c, 'columnname'), type: s(c, 'external_type'), partitionKey: Number(c.part_key ?? 0) > 0 })),
        partitions: parts!.filter((p) => s(p, 'schemaname') === s(t, 'schemaname') && s(p, 'tablename') === s(t, 'tablename')).map((p) => ({ values: s(p, 'values'), location: s(p, 'location') })),
      }));
    });
  }

  function tablesOf(schema: string): GlueTable[] {
    return tables.value.filter((t) => t.schema === schema);
  }

  /** The SELECT that "Query this table" opens in the SQL sandbox. */
  function selectSql(t: { schema: string; name: string }): string {
    return `SELECT *\nFROM ${ident(t.schema)}.${ident(t.name)}\nLIMIT 100;\n`;
  }

  return { ...state, databases, tables, selected, current, refresh, tablesOf, selectSql };
});
