/**
 * A channel of one's own, published as a YML feed for the seller's site (SPEC 5.8): the switch, and once saved,
 * the feed's URL (read-only, selected on focus, to copy into the site's importer) with «Новая ссылка», which
 * issues a new token and retires the old URL. The URL exists only once the script is deployed as a web app;
 * an add-on install has none (its web app has no spreadsheet to read).
 */
import { h } from './dom';
import type { Channel, FormContext, State } from './draft';
import { message } from './feedback';
import { checkbox, errorSlot } from './fields';
import { call, errorText } from './server';

type Feed = State['feeds'][number];

const LABEL = 'Публиковать как YML-фид для сайта';
const HOW = 'Как включить — README, раздел «Фид для своего сайта».';

/** Why the URL is missing or limited, in the seller's words. */
export function feedReasonText(feed: Feed): string {
  switch (feed.reason) {
    case 'notDeployed':
      return `Ссылки пока нет: разверните скрипт как веб-приложение (в редакторе скриптов «Развернуть» → «Новое развертывание» → «Веб-приложение», «Выполнять как: я», «У кого есть доступ: все») и откройте панель снова. ${HOW}`;
    case 'noToken':
      return 'Ссылки пока нет: нажмите «Новая ссылка».';
    case 'addOn':
      return 'Фид работает только в скрипте, привязанном к таблице: у дополнения нет веб-приложения с доступом к этой таблице.';
    case 'dev':
      return `Это тестовый адрес (…/dev): он открывается только у редакторов скрипта. Для сайта возьмите адрес …/exec из «Развернуть» → «Управление развертываниями» и добавьте к нему часть ссылки после «?». ${HOW}`;
    default:
      return 'Дайте эту ссылку импорту сайта (Tilda, InSales, Битрикс): он должен следовать перенаправлениям. Кто знает ссылку, видит артикулы, названия, количества и цены этого канала.';
  }
}

export function feedPart(ctx: FormContext, c: Channel, i: number): HTMLElement {
  const addOn = ctx.state.addOn;
  const toggle = checkbox(LABEL, c.feed === true, (on) => {
    if (on) c.feed = true;
    else delete c.feed;
    details.hidden = !on;
  });
  const input = toggle.querySelector('input') as HTMLInputElement;
  input.disabled = addOn && c.feed !== true;
  const saved = ctx.state.feeds.find((f) => f.channelId === c.id);
  const details = h('div', { class: 'feed-details', 'data-feed': c.id }, ...feedDetails(ctx, c, saved));
  details.hidden = c.feed !== true;
  return h(
    'div',
    { class: 'feed-part' },
    toggle,
    addOn
      ? h('p', { class: 'muted' }, feedReasonText({ channelId: c.id, name: c.name, url: null, reason: 'addOn' }))
      : null,
    errorSlot(`channels.${i}.feed`),
    details,
  );
}

function feedDetails(ctx: FormContext, c: Channel, saved: Feed | undefined): HTMLElement[] {
  if (ctx.state.addOn) return [];
  if (!saved) return [h('p', { class: 'muted' }, 'Сохраните настройки — здесь появится ссылка на фид.')];
  const url = h('input', {
    type: 'text',
    readonly: '',
    'aria-label': `${c.name}: ссылка на фид`,
    'data-feed-url': c.id,
  }) as HTMLInputElement;
  url.value = saved.url ?? '';
  url.hidden = saved.url === null;
  url.addEventListener('focus', () => url.select());
  const note = h('p', { class: 'muted', 'data-feed-note': c.id }, feedReasonText(saved));
  const answer = h('div', { class: 'feedback', 'data-feedback': `feed:${c.id}`, 'aria-live': 'polite' });
  const renew = h('button', { type: 'button' }, 'Новая ссылка') as HTMLButtonElement;
  renew.addEventListener('click', async () => {
    renew.disabled = true;
    try {
      const result = await call('newFeedToken', c.id);
      if (!result.ok) {
        answer.replaceChildren(message('error', result.error));
        return;
      }
      Object.assign(saved, result.feed);
      url.value = result.feed.url ?? '';
      url.hidden = result.feed.url === null;
      note.textContent = feedReasonText(result.feed);
      answer.replaceChildren(
        message('ok', 'Готово: выдана новая ссылка, старая больше не работает. Обновите её в импорте сайта.'),
      );
    } catch (error) {
      answer.replaceChildren(message('error', errorText(error)));
    } finally {
      renew.disabled = false;
    }
  });
  return [url, note, h('div', { class: 'actions' }, renew), answer];
}
