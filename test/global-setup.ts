import { ensureTemplates } from '../engine/node';

/** Every test opens workspaces from the prebuilt templates; build them once if missing. */
export default async function setup(): Promise<void> {
  await ensureTemplates();
}
