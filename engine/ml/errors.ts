/** Error raised for invalid CREATE MODEL input or failed training; `message` is shown to the student. */
export class MlError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid_input' | 'no_models' | 'cancelled' | 'invalid_model' = 'invalid_input',
  ) {
    super(message);
    this.name = 'MlError';
  }
}

/** Thrown when the AbortSignal passed to runAutopilot fires. */
export function cancelledError(): MlError {
  return new MlError('Model training was cancelled.', 'cancelled');
}
