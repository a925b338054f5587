/** The document lock every write to a shared tab holds (DESIGN §6). */

/**
 * Runs `write` holding the document lock, flushing pending writes before releasing it so the
 * next holder reads them. When the lock stays busy for `waitMs`, runs `onBusy` instead.
 */
export function withDocumentLock<T>(waitMs: number, write: () => T, onBusy: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(waitMs)) return onBusy();
  try {
    const value = write();
    SpreadsheetApp.flush();
    return value;
  } finally {
    lock.releaseLock();
  }
}

export function busyError(): Error {
  return new Error('The tracker is busy with other changes. Nothing was changed; try again in a moment.');
}
