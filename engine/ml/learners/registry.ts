/** Algorithm name → fitting function and the link its scores use. */
import type { Link } from '../model.js';
import type { Rng } from '../random.js';
import type { Algorithm, Params } from '../types.js';
import { fitForest, fitDecisionTree } from './forest.js';
import { fitGbdt } from './gbdt.js';
import { fitLinear } from './linear.js';
import { fitNetwork } from './network.js';
import type { Predictor } from './predictor.js';
import type { FitData, Task } from './tasks.js';

export interface LearnerInfo {
  fit: (data: FitData, params: Params, rng: Rng) => Predictor;
  /** Whether the learner wants standardised features. */
  scaled: boolean;
  link: (task: Task) => Link;
}

const marginLink = (task: Task): Link => (task === 'binary' ? 'logit' : task === 'multiclass' ? 'softmax' : 'identity');
const probaLink = (task: Task): Link => (task === 'regression' ? 'identity' : 'proba');

export const LEARNERS: Record<Exclude<Algorithm, 'kmeans'>, LearnerInfo> = {
  gbdt: { fit: fitGbdt, scaled: false, link: marginLink },
  random_forest: { fit: fitForest, scaled: false, link: probaLink },
  decision_tree: { fit: fitDecisionTree, scaled: false, link: probaLink },
  logistic_regression: { fit: fitLinear, scaled: true, link: marginLink },
  linear_regression: { fit: fitLinear, scaled: true, link: marginLink },
  mlp: { fit: fitNetwork, scaled: true, link: marginLink },
};

/** Default decision threshold on the binary score for a link (margin 0 ⇔ probability 0.5). */
export function defaultThreshold(link: Link): number {
  return link === 'proba' ? 0.5 : 0;
}
