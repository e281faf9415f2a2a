/**
 * The words of a held push's card: how many zeros the guard holds and which (the first 10, «и ещё N»),
 * how many there were before «Пересчитать» or «Сохранить» made them fewer, and «Открыть список», which
 * shows the hidden sheet «_Задержано» with every held id.
 */
import { h } from './dom';
import { call, errorText } from './server';

type State = Awaited<ReturnType<typeof call<'getState'>>>;
type HeldPush = State['held'][string];

/** How many held ids the card names; the sheet has them all. */
const NAMED = 10;

/** The first held ids, and how many more the sheet lists: «A-1, A-2 и ещё 187». */
export function heldIdsText(push: HeldPush): string {
  const named = push.toZero.slice(0, NAMED);
  const more = push.count - named.length;
  return `${named.join(', ')}${more > 0 ? ` и ещё ${more}` : ''}`;
}

/** What the guard holds now; when a recalculation left fewer zeros than were held, it says so. */
export function heldText(push: HeldPush): string {
  const fewer = push.was !== undefined && push.was > push.count;
  const what = fewer
    ? `После пересчёта в 0 ушли бы уже не ${push.was}, а ${push.count} из ${push.base} позиций с остатком`
    : `В 0 ушли бы ${push.count} из ${push.base} позиций с остатком`;
  return `${what}: ${heldIdsText(push)}. Остальные изменения канала уже отправлены. Если обнуление верно — подтвердите.`;
}

/** The card's text, then «Подтвердить отправку» and «Открыть список», with the place the list's answer goes. */
export function heldPushBody(channelId: string, push: HeldPush, confirm: HTMLElement): HTMLElement[] {
  const answer = h('p', { class: 'muted', 'data-held-list': channelId, 'aria-live': 'polite' });
  const open = h(
    'button',
    { type: 'button', title: 'Показать в таблице скрытый лист «_Задержано» со всеми задержанными позициями' },
    'Открыть список',
  ) as HTMLButtonElement;
  open.addEventListener('click', async () => {
    open.disabled = true;
    try {
      const result = await call('openHeldList', channelId);
      answer.textContent = result.ok
        ? 'Лист «_Задержано» открыт в таблице: в нём все задержанные позиции.'
        : result.error;
    } catch (error) {
      answer.textContent = errorText(error);
    } finally {
      open.disabled = false;
    }
  });
  return [h('p', {}, heldText(push)), h('div', { class: 'actions' }, confirm, open), answer];
}

type Recalculation = Awaited<ReturnType<typeof call<'recalculate'>>>;

/** After «Пересчитать» or «Сохранить»: held pushes the new numbers ended or made smaller, one line each. */
export function heldReviewNotes(recalc: Recalculation): HTMLElement[] {
  if (!recalc.ok) return [];
  return recalc.heldReview.map((r) =>
    h(
      'p',
      { class: 'preview-note', 'data-held-review': r.channelId },
      r.now
        ? `${r.name}: из ${r.before} задержанных обнулений после пересчёта остались ${r.now} — они и ждут подтверждения.`
        : `${r.name}: задержанная отправка снята — после пересчёта ни одна из ${r.before} позиций не ушла бы в 0.`,
    ),
  );
}
