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

/** The part of the link the site needs after the web app's address: «?feed=…&token=…». */
function feedQuery(url: string | null): string {
  const at = url?.indexOf('?') ?? -1;
  return url && at >= 0 ? url.slice(at) : '';
}

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
      return `Это тестовый адрес (кончается на /dev): сайт его не откроет. В редакторе скриптов «Развернуть» → «Управление развертываниями» скопируйте «URL веб-приложения» (кончается на /exec), вставьте его в импорт сайта и сразу за ним допишите: ${feedQuery(feed.url)}`;
    default:
      return 'Дайте эту ссылку импорту сайта (Tilda, InSales, Битрикс): он должен следовать перенаправлениям. Кто знает ссылку, видит артикулы, названия, количества и цены этого канала.';
  }
}

/** Beside the switch when the seller unticks it on a channel whose link works: saving retires the link. */
export const FEED_OFF_WARNING = 'После сохранения ссылка перестанет работать; если включить снова — будет новая.';
/** Beside «Новая ссылка» after its first click: what the second click breaks. */
export const RENEW_WARNING =
  'Старая ссылка сразу перестанет работать: сайт не получит остатки, пока вы не вставите новую ссылку в его импорт.';

/** The switch and the saved feed's link; `changed` tells the card the switch moved (its «what is sent» line). */
export function feedPart(ctx: FormContext, c: Channel, i: number, changed: () => void = () => {}): HTMLElement {
  const addOn = ctx.state.addOn;
  const saved = ctx.state.feeds.find((f) => f.channelId === c.id);
  const offWarning = h('p', { class: 'message warning feed-off', 'data-feed-off': c.id }, FEED_OFF_WARNING);
  offWarning.hidden = true;
  const toggle = checkbox(LABEL, c.feed === true, (on) => {
    if (on) c.feed = true;
    else delete c.feed;
    details.hidden = !on;
    // Only a link that exists can stop working: a channel never saved with the feed has none.
    offWarning.hidden = on || !saved?.url;
    changed();
  });
  const input = toggle.querySelector('input') as HTMLInputElement;
  input.disabled = addOn && c.feed !== true;
  const details = h('div', { class: 'feed-details', 'data-feed': c.id }, ...feedDetails(ctx, c, saved));
  details.hidden = c.feed !== true;
  return h(
    'div',
    { class: 'feed-part' },
    toggle,
    offWarning,
    addOn
      ? h('p', { class: 'muted' }, feedReasonText({ channelId: c.id, name: c.name, url: null, reason: 'addOn' }))
      : null,
    errorSlot(`channels.${i}.feed`),
    details,
  );
}

/**
 * Copies the link: the selected text through execCommand (works in Apps Script's sidebar iframe, where the
 * Clipboard API may be refused), else navigator.clipboard; false when neither could.
 */
async function copyText(field: HTMLTextAreaElement): Promise<boolean> {
  field.focus();
  field.select();
  try {
    if (document.execCommand('copy')) return true;
  } catch {
    // Some browsers throw instead of answering false: the Clipboard API is the next try.
  }
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    return false;
  }
}

function feedDetails(ctx: FormContext, c: Channel, saved: Feed | undefined): HTMLElement[] {
  if (ctx.state.addOn) return [];
  if (!saved) return [h('p', { class: 'muted' }, 'Сохраните настройки — здесь появится ссылка на фид.')];
  // A wrapping read-only box: the whole link is in view at 300 px, not the first 40 characters.
  const url = h('textarea', {
    class: 'feed-url',
    readonly: '',
    rows: '4',
    'aria-label': `${c.name}: ссылка на фид`,
    'data-feed-url': c.id,
  }) as HTMLTextAreaElement;
  const note = h('p', { class: 'muted', 'data-feed-note': c.id });
  const show = (feed: Feed) => {
    url.value = feed.url ?? '';
    url.hidden = feed.url === null;
    copy.hidden = feed.url === null;
    note.textContent = feedReasonText(feed);
  };
  url.addEventListener('focus', () => url.select());
  const answer = h('div', { class: 'feedback', 'data-feedback': `feed:${c.id}`, 'aria-live': 'polite' });
  const copy = h('button', { type: 'button' }, 'Копировать') as HTMLButtonElement;
  copy.addEventListener('click', async () => {
    answer.replaceChildren(
      (await copyText(url))
        ? message('ok', 'Ссылка скопирована.')
        : message('error', 'Выделите ссылку и скопируйте (Ctrl+C).'),
    );
  });
  show(saved);
  const renew = renewControls(c, answer, (feed) => {
    Object.assign(saved, feed);
    show(feed);
  });
  return [url, h('div', { class: 'actions' }, copy), note, renew, answer];
}

/**
 * «Новая ссылка» in two steps, inside the panel (Apps Script's sidebar iframe may block window.confirm): the
 * first click says what breaks, «Выдать новую ссылку» issues it, «Отмена» puts the button back.
 */
function renewControls(c: Channel, answer: HTMLElement, issued: (feed: Feed) => void): HTMLElement {
  const renew = h('button', { type: 'button' }, 'Новая ссылка') as HTMLButtonElement;
  const confirm = h('button', { type: 'button', class: 'primary' }, 'Выдать новую ссылку') as HTMLButtonElement;
  const cancel = h('button', { type: 'button' }, 'Отмена') as HTMLButtonElement;
  const asking = h(
    'div',
    { class: 'feed-renew-confirm', 'data-feed-renew': c.id },
    h('p', { class: 'message warning' }, RENEW_WARNING),
    h('div', { class: 'actions' }, confirm, cancel),
  );
  const ask = (on: boolean) => {
    asking.hidden = !on;
    renew.hidden = on;
  };
  ask(false);
  renew.addEventListener('click', () => {
    answer.replaceChildren();
    ask(true);
    confirm.focus();
  });
  cancel.addEventListener('click', () => {
    ask(false);
    renew.focus();
  });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    cancel.disabled = true;
    try {
      const result = await call('newFeedToken', c.id);
      if (!result.ok) {
        answer.replaceChildren(message('error', result.error));
        return;
      }
      issued(result.feed);
      ask(false);
      answer.replaceChildren(
        message('ok', 'Готово: выдана новая ссылка, старая больше не работает. Вставьте новую в импорт сайта.'),
      );
    } catch (error) {
      answer.replaceChildren(message('error', errorText(error)));
    } finally {
      confirm.disabled = false;
      cancel.disabled = false;
    }
  });
  return h('div', {}, h('div', { class: 'actions' }, renew), asking);
}
