/**
 * The sidebar's side of google.script.run, typed. Each call is one round trip; handlers are
 * called asynchronously; only plain JSON crosses (days as 'YYYY-MM-DD').
 */
import type {
  CallFormData,
  CallInput,
  CallToEdit,
  EditResult,
  FormUnavailable,
  SubmitResult,
  WithdrawResult,
} from '../../contract';

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: unknown) => void): ScriptRun;
  getCallFormData(): void;
  submitCall(input: CallInput): void;
  getCallToEdit(callId: string): void;
  editCall(callId: string, input: Omit<CallInput, 'submissionId'>): void;
  withdrawCall(callId: string): void;
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

function call<T>(invoke: (run: ScriptRun) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    invoke(
      google.script.run
        .withSuccessHandler((value) => resolve(value as T))
        .withFailureHandler((error) => reject(new Error(failureMessage(error)))),
    );
  });
}

export function getCallFormData(): Promise<CallFormData | FormUnavailable> {
  return call((run) => run.getCallFormData());
}

export function submitCall(input: CallInput): Promise<SubmitResult> {
  return call((run) => run.submitCall(input));
}

export function getCallToEdit(callId: string): Promise<CallToEdit | FormUnavailable> {
  return call((run) => run.getCallToEdit(callId));
}

export function editCall(callId: string, input: Omit<CallInput, 'submissionId'>): Promise<EditResult> {
  return call((run) => run.editCall(callId, input));
}

export function withdrawCall(callId: string): Promise<WithdrawResult> {
  return call((run) => run.withdrawCall(callId));
}
