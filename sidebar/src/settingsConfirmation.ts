/**
 * «Изменения от manager@…: подтвердить» (SPEC 7): safety-loosening settings another user saved wait
 * here; until a key holder presses «Подтвердить», runs keep the values confirmed before.
 */
import { h } from './dom';
import { call, errorText } from './server';

type State = Awaited<ReturnType<typeof call<'getState'>>>;
type Refresh = (notice: string, kind?: 'ok' | 'error') => void;

export function settingsConfirmationView(state: State, refresh: Refresh): HTMLElement | null {
  const pending = state.pendingSettings;
  if (!pending) return null;
  const who = pending.by || 'другого пользователя';
  return h(
    'section',
    { id: 'pending-settings', class: 'message warning', role: 'alert' },
    h('strong', {}, `Изменения от ${who}: подтвердить`),
    h('p', {}, 'Пока их не подтвердит владелец ключей площадок, запуски идут с прежними значениями этих настроек:'),
    h('ul', {}, ...pending.changes.map((change) => h('li', {}, change))),
    pending.mayConfirm
      ? confirmButton(refresh)
      : h('p', { class: 'muted' }, 'Подтвердить может владелец ключей: попросите его открыть эту панель.'),
  );
}

function confirmButton(refresh: Refresh): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: 'primary', id: 'confirm-settings' },
    'Подтвердить',
  ) as HTMLButtonElement;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const result = await call('confirmSettings');
      refresh(result.ok ? result.message : result.error, result.ok ? 'ok' : 'error');
    } catch (error) {
      refresh(errorText(error), 'error');
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
