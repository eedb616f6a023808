import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { loadPersisted, savePersisted } from '../util/persisted';
import type { QueryEngine } from './runner';

export interface QueryTab {
  id: string;
  title: string;
  text: string;
  /** The file it was opened from or saved to, if any. */
  fileName?: string;
}

export interface HistoryEntry {
  sql: string;
  user: string;
  at: number;
  ok: boolean;
  elapsedMs: number;
}

export const MAX_HISTORY = 500;

/** The SQL sandbox's tabs and history; both survive restarts. */
export const useSandbox = defineStore('sandbox', () => {
  const saved = loadPersisted<{ tabs?: QueryTab[]; activeId?: string }>('tabs', {});
  const tabs = ref<QueryTab[]>(saved.tabs?.length ? saved.tabs : [newTab(1)]);
  const activeId = ref<string>(saved.activeId && tabs.value.some((t) => t.id === saved.activeId) ? saved.activeId : tabs.value[0]!.id);
  const history = ref<HistoryEntry[]>(loadPersisted('history', []));
  const historyFilter = ref('');
  /** The sandbox's engine: the cluster, or Athena with its default Glue database. */
  const target = ref<{ engine: QueryEngine; database: string }>(loadPersisted('query-target', { engine: 'redshift', database: 'default' }));
  watch(target, () => savePersisted('query-target', target.value), { deep: true });

  const active = computed(() => tabs.value.find((t) => t.id === activeId.value) ?? tabs.value[0]!);
  const filteredHistory = computed(() => {
    const needle = historyFilter.value.trim().toLowerCase();
    return needle ? history.value.filter((h) => h.sql.toLowerCase().includes(needle) || h.user.toLowerCase().includes(needle)) : history.value;
  });

  watch([tabs, activeId], () => savePersisted('tabs', { tabs: tabs.value, activeId: activeId.value }), { deep: true });
  watch(history, () => savePersisted('history', history.value), { deep: true });

  function addTab(text = '', fileName?: string): QueryTab {
    const n = Math.max(0, ...tabs.value.map((t) => Number(/^(\d+)$/.exec(t.title)?.[1] ?? 0))) + 1;
    const tab = newTab(n, text);
    if (fileName) {
      tab.fileName = fileName;
      tab.title = fileName;
    }
    tabs.value.push(tab);
    activeId.value = tab.id;
    return tab;
  }

  function closeTab(id: string): void {
    const index = tabs.value.findIndex((t) => t.id === id);
    if (index === -1) return;
    tabs.value.splice(index, 1);
    if (tabs.value.length === 0) tabs.value.push(newTab(1));
    if (activeId.value === id) activeId.value = tabs.value[Math.max(0, index - 1)]!.id;
  }

  function setText(text: string): void {
    active.value.text = text;
  }

  function record(entry: HistoryEntry): void {
    history.value.unshift(entry);
    if (history.value.length > MAX_HISTORY) history.value.length = MAX_HISTORY;
  }

  return { tabs, activeId, active, history, historyFilter, filteredHistory, target, addTab, closeTab, setText, record };
});

function newTab(n: number, text = ''): QueryTab {
  return { id: `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`, title: String(n), text };
}
