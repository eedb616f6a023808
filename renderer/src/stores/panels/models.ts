import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LeaderboardEntry } from '../../../../engine/ml/types';
import type { DataExplorationReport } from '../../../../engine/ml/profile';
import type { ModelEvaluation } from '../../../../engine/features/ml/model-evaluation';
import { arg, readJson, sql, usePanelState } from './panel-host';

export interface ModelSummary {
  Schema: string;
  ModelName: string;
  ModelState: 'TRAINING' | 'READY' | 'FAILED';
  Owner: string;
  CreatedAt: string;
  FunctionName: string;
  Target: string | null;
  ProblemType: string | null;
  ModelType: string;
  ValidationMetric?: { Name: string; Value: number };
  Algorithm?: string;
  TrainingJobStatus?: string;
  EstimatedCostUsd?: number;
  FailureReason?: string;
  Progress?: { Phase: string; Done: number; Total: number; ElapsedSeconds: number };
}

export interface ModelDetail {
  Model: ModelSummary;
  Leaderboard: LeaderboardEntry[];
  DataReport?: DataExplorationReport;
  Explain?: { explanations: { kernel_shap: Record<string, { global_shap_values: Record<string, number> }> } } | null;
  Evaluation?: ModelEvaluation;
}

/** Feature importance from EXPLAIN_MODEL's JSON: |global SHAP| per feature, largest first. */
export function featureImportance(explain: ModelDetail['Explain']): { feature: string; value: number }[] {
  const label = explain ? Object.values(explain.explanations.kernel_shap)[0] : undefined;
  if (!label) return [];
  return Object.entries(label.global_shap_values)
    .map(([feature, value]) => ({ feature, value: Math.abs(value) }))
    .sort((a, b) => b.value - a.value);
}

/** Models panel: every model with its state; for one model the leaderboard, reports and charts. */
export const useModelsPanel = defineStore('panel-models', () => {
  const state = usePanelState();
  const models = ref<ModelSummary[]>([]);
  const selected = ref<string>();
  const detail = ref<ModelDetail>();
  /** SHOW MODEL's rows (Key, Value) for the selected model. */
  const showModel = ref<{ key: string; value: string }[]>([]);

  const training = computed(() => models.value.some((m) => m.ModelState === 'TRAINING'));
  const key = (m: ModelSummary) => `${m.Schema}.${m.ModelName}`;

  async function refresh(): Promise<void> {
    await state.load(async () => {
      models.value = (await readJson<{ Models: ModelSummary[] }>('models list')).Models ?? [];
      if (selected.value && !models.value.some((m) => key(m) === selected.value)) selected.value = undefined;
      if (!selected.value) {
        detail.value = undefined;
        showModel.value = [];
        return;
      }
      const next = await readJson<ModelDetail>(`models describe ${arg(selected.value)}`);
      const stateChanged = detail.value?.Model.ModelState !== next.Model.ModelState || key(detail.value.Model) !== selected.value;
      detail.value = next;
      if (stateChanged || showModel.value.length === 0) {
        try {
          const [rows] = await sql(`SHOW MODEL ${selected.value}`);
          showModel.value = (rows ?? []).map((r) => {
            const values = Object.values(r);
            return { key: String(values[0] ?? ''), value: String(values[1] ?? '') };
          });
        } catch {
          showModel.value = [];
        }
      }
    });
  }

  async function select(name: string | undefined): Promise<void> {
    selected.value = name;
    detail.value = undefined;
    showModel.value = [];
    await refresh();
  }

  return { ...state, models, selected, detail, showModel, training, key, refresh, select };
});
