import type { Progress } from '../api/types';

/** Phase of the progress messages about files uploaded from the user's machine (`aws s3 cp` of picked files). */
export const UPLOAD_PHASE = 'upload';

/**
 * Progress of the local files an `aws s3 cp` command uploads (the S3 panel's dropped or picked
 * files), one file at a time, named by `message`: no total while the engine stores a file (a single
 * write, so there is no byte count in between: the bar is indeterminate), then done = total = its
 * size once stored. The command reads each file right before storing it, so reading the next file,
 * or the command ending with exit 0, means the previous one is stored. A failed command ends the
 * file it was storing with done = total = 0 (nothing stored).
 */
export function uploadProgress(emit: (p: Progress) => void) {
  let current: { name: string; size: number } | undefined;
  const finish = (stored: boolean): void => {
    if (!current) return;
    const size = stored ? current.size : 0;
    emit({ phase: UPLOAD_PHASE, done: size, total: size, unit: 'bytes', message: current.name });
    current = undefined;
  };
  return {
    /** The command read a picked file and is about to store it. */
    started(name: string, size: number): void {
      finish(true);
      current = { name, size };
      emit({ phase: UPLOAD_PHASE, done: 0, unit: 'bytes', message: name });
    },
    ended(exitCode: number): void {
      finish(exitCode === 0);
    },
  };
}
