import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { CheckOutcome, LabSummary, LabView } from '../../../engine/host/contract';
import { host } from '../host';
import { HostError } from '../host/host-client';
import { loadPersisted, savePersisted } from '../util/persisted';

/** The lab runner: the lab list, the open lab and step, its editor text, hints and check feedback. */
export const useLabs = defineStore('labs', () => {
  const list = ref<LabSummary[]>([]);
  const listError = ref<string>();
  /** True once the list was asked for (it may be empty or failed). */
  const loaded = ref(false);
  const lab = ref<LabView>();
  const stepIndex = ref(0);
  const hints = ref<{ ko: string; en: string }[]>([]);
  const hintsExhausted = ref(false);
  const feedback = ref<CheckOutcome>();
  const checking = ref(false);
  /** Editor text per `lab/step`, kept across restarts. */
  const drafts = ref<Record<string, string>>(loadPersisted('lab-drafts', {}));
  watch(drafts, () => savePersisted('lab-drafts', drafts.value), { deep: true });
  /** Steps whose starting state was prepared (lab setup, earlier steps' solutions, step setup). */
  const started = ref<Record<string, true>>(loadPersisted('lab-started', {}));
  /** Work that puts the workspace in a step's starting state is running (resets, step preparation). */
  const preparations = ref(0);
  const preparing = computed(() => preparations.value > 0);
  async function whilePreparing<T>(work: () => Promise<T>): Promise<T> {
    preparations.value++;
    try {
      return await work();
    } finally {
      preparations.value--;
    }
  }

  const step = computed(() => lab.value?.steps[stepIndex.value]);
  const draftKey = computed(() => (lab.value && step.value ? `${lab.value.id}/${step.value.id}` : ''));
  const editorText = computed({
    get: () => drafts.value[draftKey.value] ?? step.value?.starterSql ?? '',
    set: (text: string) => {
      if (draftKey.value) drafts.value[draftKey.value] = text;
    },
  });

  async function loadList(): Promise<void> {
    try {
      list.value = await host().call('labs.list', {});
      listError.value = undefined;
    } catch (e) {
      list.value = [];
      listError.value = e instanceof HostError ? e.message : String(e);
    } finally {
      loaded.value = true;
    }
  }

  async function open(labId: string, index?: number): Promise<void> {
    lab.value = await host().call('labs.get', { labId });
    const firstOpen = lab.value.steps.findIndex((s) => !s.completed);
    selectStep(index ?? (firstOpen === -1 ? 0 : firstOpen));
    savePersisted('lab-open', { labId, index: stepIndex.value });
  }

  function close(): void {
    lab.value = undefined;
    savePersisted('lab-open', null);
    void loadList();
  }

  function selectStep(index: number): void {
    stepIndex.value = Math.max(0, Math.min(index, (lab.value?.steps.length ?? 1) - 1));
    hints.value = [];
    hintsExhausted.value = false;
    feedback.value = undefined;
    if (lab.value) savePersisted('lab-open', { labId: lab.value.id, index: stepIndex.value });
    void prepareStep();
  }

  /** The first time a step is opened, the workspace is put in its starting state (labs.reset with the step). */
  async function prepareStep(): Promise<void> {
    const key = draftKey.value;
    if (!lab.value || !step.value || step.value.completed || started.value[key]) return;
    const labId = lab.value.id;
    const stepId = step.value.id;
    await whilePreparing(async () => {
      try {
        await host().call('labs.reset', { labId, stepId });
        started.value[key] = true;
        savePersisted('lab-started', started.value);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        feedback.value = { passed: false, message: { ko: message, en: message } };
      }
    });
  }

  async function nextHint(): Promise<void> {
    if (!lab.value || !step.value || hintsExhausted.value) return;
    const r = await host().call('labs.hint', { labId: lab.value.id, stepId: step.value.id, level: hints.value.length });
    hints.value.push(r.hint);
    hintsExhausted.value = r.last;
  }

  async function showSolution(): Promise<string> {
    if (!lab.value || !step.value) return '';
    return (await host().call('labs.solution', { labId: lab.value.id, stepId: step.value.id })).sql;
  }

  async function check(): Promise<void> {
    if (!lab.value || !step.value || preparing.value) return;
    checking.value = true;
    try {
      feedback.value = await host().call('labs.check', { labId: lab.value.id, stepId: step.value.id, sql: editorText.value });
      if (feedback.value.passed) {
        const index = stepIndex.value;
        lab.value = await host().call('labs.get', { labId: lab.value.id });
        stepIndex.value = index;
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      feedback.value = { passed: false, message: { ko: message, en: message } };
    } finally {
      checking.value = false;
    }
  }

  /** Check and Run stay disabled until the reset is done: a check made meanwhile would grade the old state. */
  async function reset(whole: boolean): Promise<void> {
    if (!lab.value || !step.value) return;
    const labId = lab.value.id;
    const ids = whole ? lab.value.steps.map((s) => s.id) : [step.value.id];
    const index = whole ? 0 : stepIndex.value;
    await whilePreparing(async () => {
      await host().call('labs.reset', whole ? { labId } : { labId, stepId: ids[0]! });
      for (const id of ids) {
        delete drafts.value[`${labId}/${id}`];
        if (whole) delete started.value[`${labId}/${id}`];
      }
      savePersisted('lab-started', started.value);
      await open(labId, index);
    });
  }

  /** After a workspace reset: no step is prepared any more, the list starts from zero. */
  async function forgetProgress(): Promise<void> {
    started.value = {};
    savePersisted('lab-started', started.value);
    lab.value = undefined;
    savePersisted('lab-open', null);
    await loadList();
  }

  /** Reopens the lab and step that were open before a restart. */
  async function restore(): Promise<void> {
    await loadList();
    const last = loadPersisted<{ labId: string; index: number } | null>('lab-open', null);
    if (last && list.value.some((l) => l.id === last.labId)) await open(last.labId, last.index).catch(() => undefined);
  }

  return { list, listError, loaded, preparing, lab, stepIndex, step, hints, hintsExhausted, feedback, checking, editorText, loadList, open, close, selectStep, nextHint, showSolution, check, reset, restore, forgetProgress };
});
