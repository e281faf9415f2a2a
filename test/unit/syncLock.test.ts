/** The sheet's dirty mark (SPEC 6): requests left while the lock was held merge into one that does them all. */
import { lockWait, markDirty, mergeRequests, takeDirtyMark } from '../../src/usecases/syncLock';
import type { SyncRequest } from '../../src/usecases/syncRun';

const edit: SyncRequest = { task: 'Отправка после правки', trigger: 'Правка', mode: 'diff' };
const press: SyncRequest = { task: 'Отправка остатков', trigger: 'Кнопка', mode: 'all' };
const scheduled: SyncRequest = { task: 'Синхронизация', trigger: 'Расписание', mode: 'diff' };
const confirm: SyncRequest = {
  task: 'Подтверждение отправки',
  trigger: 'Кнопка',
  mode: 'diff',
  confirmChannel: 'ozon',
};

function memoryStore() {
  let data: Record<string, string> = {};
  return {
    getAll: () => ({ ...data }),
    setMany: (values: Record<string, string>) => {
      data = { ...data, ...values };
    },
    deleteMany: (keys: string[]) => {
      for (const k of keys) delete data[k];
    },
  };
}

it('the wider run leads, and «send everything» wins', () => {
  expect(mergeRequests(edit, press)).toEqual({ task: 'Отправка остатков', trigger: 'Кнопка', mode: 'all' });
  expect(mergeRequests(press, scheduled)).toEqual({ task: 'Синхронизация', trigger: 'Расписание', mode: 'all' });
  expect(mergeRequests(edit, edit)).toEqual(edit);
});

it('a confirmation of one channel survives only alone; continuations only with continuations', () => {
  expect(mergeRequests(confirm, confirm)).toEqual(confirm);
  expect(mergeRequests(confirm, edit).confirmChannel).toBeUndefined();
  const more: SyncRequest = { ...scheduled, continuation: true };
  expect(mergeRequests(more, more).continuation).toBe(true);
  expect(mergeRequests(more, edit).continuation).toBeUndefined();
});

it('a confirmation of one held import survives only alone, as a held push does', () => {
  const confirmImport: SyncRequest = {
    task: 'Подтверждение импорта',
    trigger: 'Кнопка',
    mode: 'diff',
    confirmImport: 'w1',
  };
  expect(mergeRequests(confirmImport, confirmImport)).toEqual(confirmImport);
  expect(mergeRequests(confirmImport, edit).confirmImport).toBeUndefined();
  expect(mergeRequests(scheduled, confirmImport).confirmImport).toBeUndefined();
});

it('the mark is merged as it is left and cleared as it is taken', () => {
  const store = memoryStore();
  expect(takeDirtyMark(store)).toBeNull();
  markDirty(store, edit);
  markDirty(store, press);
  expect(takeDirtyMark(store)).toEqual({ task: 'Отправка остатков', trigger: 'Кнопка', mode: 'all' });
  expect(takeDirtyMark(store)).toBeNull();
  expect(store.getAll()).toEqual({});
});

it('a full sync waits 30 s for the lock; an edit or a button press 2 s', () => {
  expect(lockWait(scheduled)).toBe(30_000);
  expect(lockWait({ ...scheduled, trigger: 'Меню' })).toBe(30_000);
  expect(lockWait(edit)).toBe(2_000);
  expect(lockWait(press)).toBe(2_000);
});
