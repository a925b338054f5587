/**
 * The sidebar's side of google.script.run, typed. Each call is one round trip; handlers are
 * called asynchronously; only plain JSON crosses (days as 'YYYY-MM-DD').
 */
import type { CallFormData, CallInput, FormUnavailable, SubmitResult } from '../../contract';

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: unknown) => void): ScriptRun;
  getCallFormData(): void;
  submitCall(input: CallInput): void;
}

declare const google: { script: { run: ScriptRun } };

/** The message of whatever a failure handler received (an Error in practice). */
export function failureMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return message;
  }
  if (typeof error === 'string' && error.trim() !== '') return error;
  return 'The server did not answer.';
}

/** One round trip: `invoke` names the server function on a google.script.run with both handlers set. */
export function call<T, Run = ScriptRun>(invoke: (run: Run) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    invoke(
      google.script.run
        .withSuccessHandler((value) => resolve(value as T))
        // google.script.run has every server function: `Run` names those the page calls.
        .withFailureHandler((error) => reject(new Error(failureMessage(error)))) as unknown as Run,
    );
  });
}

export function getCallFormData(): Promise<CallFormData | FormUnavailable> {
  return call((run) => run.getCallFormData());
}

export function submitCall(input: CallInput): Promise<SubmitResult> {
  return call((run) => run.submitCall(input));
}
