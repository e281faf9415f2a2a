/**
 * Imports the guard held (SPEC 4, Source): a supplier's file that would take many SKUs to 0 at once
 * applies everything else, and these zeros wait here for «Подтвердить импорт».
 */
import { h } from './dom';
import { call, errorText } from './server';

type State = Awaited<ReturnType<typeof call<'getState'>>>;
type Refresh = (notice: string, kind?: 'ok' | 'error') => void;

export function heldImportsView(state: State, refresh: Refresh): HTMLElement | null {
  const held = Object.entries(state.heldImports ?? {});
  if (!held.length) return null;
  return h(
    'section',
    { id: 'held-imports' },
    ...held.map(([warehouseId, item]) => heldImportNotice(warehouseId, item, refresh)),
  );
}

function heldImportNotice(warehouseId: string, item: State['heldImports'][string], refresh: Refresh): HTMLElement {
  const confirm = h('button', { type: 'button', class: 'primary' }, 'Подтвердить импорт') as HTMLButtonElement;
  confirm.addEventListener('click', async () => {
    const label = confirm.textContent;
    confirm.disabled = true;
    confirm.textContent = 'Применяю…';
    try {
      const result = await call('confirmImport', warehouseId);
      refresh(
        result.ok ? `Склад «${item.warehouse}»: импорт подтверждён, нули поставлены.` : result.message,
        result.ok ? 'ok' : 'error',
      );
    } catch (error) {
      refresh(errorText(error), 'error');
    } finally {
      confirm.disabled = false;
      confirm.textContent = label;
    }
  });
  const more = item.count > item.skus.length ? '…' : '';
  return h(
    'div',
    { class: 'message warning', role: 'alert', 'data-held-import': warehouseId },
    h('strong', {}, `Склад «${item.warehouse}»: импорт задержан защитой`),
    h(
      'p',
      {},
      `Файл поставщика поставил бы 0 у ${item.count} из ${item.base} артикулов с остатком (их нет в файле или там 0): ${item.skus.join(', ')}${more}. Пока у них прежние числа; всё остальное из файла уже применено. Если файл верный — подтвердите.`,
    ),
    confirm,
  );
}
