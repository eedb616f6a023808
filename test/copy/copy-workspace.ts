import { openTempWorkspace } from '../../engine/node';
import type { EmbeddedWarehouse, Session } from '../../engine';
import { LocalS3 } from '../../engine/features/s3';
import { makeRole } from '../spectrum/helpers';

/** An empty workspace with an admin session, its local S3 and an IAM role holding `policies`. */
export async function openCopyWorkspace(role: string, policies: string[]): Promise<{ wh: EmbeddedWarehouse; s: Session; s3: LocalS3; arn: string }> {
  const wh = await openTempWorkspace({ seeded: false });
  const s = await wh.session();
  return { wh, s, s3: new LocalS3(wh.store), arn: await makeRole(wh, role, policies) };
}
