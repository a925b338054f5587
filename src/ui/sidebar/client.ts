/** The sidebar's script (runs in the browser). Every server value is shown with textContent. */
import type { CallFormData, FormUnavailable } from '../../contract';

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}
declare const google: { script: { run: ScriptRun } };

function show(text: string): void {
  const app = document.getElementById('app') as HTMLElement;
  app.textContent = '';
  const p = document.createElement('p');
  p.textContent = text;
  app.appendChild(p);
}

function render(data: CallFormData | FormUnavailable): void {
  if (!data.ok) return show(data.message);
  show(`Signed in as ${data.me.name} (${data.me.email}), ${data.me.school}. ${data.progress.text}.`);
}

(google.script.run.withSuccessHandler((v) => render(v as CallFormData | FormUnavailable)).withFailureHandler((e) => show(e.message)) as unknown as Record<string, () => void>).getCallFormData();
