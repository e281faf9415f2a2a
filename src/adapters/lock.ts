/** LockPort over the document lock: one sync per spreadsheet, whoever runs it. */
import type { LockPort } from '../usecases/ports';

export function documentLock(): LockPort {
  const lock = LockService.getDocumentLock();
  return {
    tryLock: (ms) => (lock ? lock.tryLock(ms) : false),
    release: () => {
      if (lock?.hasLock()) lock.releaseLock();
    },
  };
}
