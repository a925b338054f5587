/** In-memory Apps Script emulator: public API. */
export {
  Emulator,
  type EmulatorOptions,
  type RunOptions,
  type Execution,
  type ExecutionView,
  type TriggerRecord,
  type MenuRecord,
  type HtmlRecord,
  type AlertRecord,
  type DialogAnswer,
  type DialogQuestion,
  type ToastRecord,
} from './emulator';
export type { AuthModeName } from './host';
export type { ConcurrentCall } from './concurrency';
export { SCOPES } from './host';
export { copyForClient, copyFromClient } from './clientCopy';
export { columnToLetters, lettersToColumn, parseA1, rectToA1, type Rect } from './a1';
export type { WorkbookJson, SentMail } from './model';
export type { EmuSpreadsheet, EmuSheet, EmuRange } from './spreadsheet';
