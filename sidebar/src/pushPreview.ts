/**
 * What a push would change, channel by channel (SPEC 6 «Предпросмотр»), and the notices that carry it
 * after «Пересчитать», «Сохранить», «Сохранить и отправить» and «Отправить остатки». A notice's colour
 * and headline follow its worst outcome: a channel the mass-zero guard holds (or would hold), or a send
 * that sent nothing, is never inside a green box.
 */
import { h } from './dom';
import { heldReviewNotes } from './heldPush';
import type { call } from './server';

type SaveResponse = Awaited<ReturnType<typeof call<'saveAndSend'>>>;
export type Recalculation = Extract<SaveResponse, { ok: true }>['recalculation'];
type Preview = Extract<Recalculation, { ok: true }>['preview'];
type ChannelPreview = Preview[number];
type SendResult = NonNullable<SaveResponse['send']>;
type Kind = 'ok' | 'warning' | 'error';
type Outcome = { kind: Kind; headline: string };

/** The notice after «Сохранить» (no `send`) or «Сохранить и отправить». */
export function savedNotice(recalc: Recalculation, send?: SendResult): HTMLElement {
  if (!recalc.ok)
    return notice({ kind: 'error', headline: `Настройки сохранены, но пересчёт остановлен: ${recalc.error}` });
  const outcome = send
    ? sendOutcome(send, 'save')
    : forecast(recalc.preview, 'Настройки сохранены, таблица пересчитана.', 'Настройки сохранены.');
  // A send decides the held zeros itself: what the review before it changed is not told apart.
  const reviewed = send ? [] : heldReviewNotes(recalc);
  return notice(outcome, ...previewBlock(recalc.preview, send ? heldInSend(send) : undefined), ...reviewed);
}

/** The notice after «Пересчитать». */
export function recalcNotice(result: Recalculation): HTMLElement {
  if (!result.ok) return notice({ kind: 'error', headline: result.error });
  const done = `Готово: артикулов ${result.summary.skuCount}.`;
  return notice(forecast(result.preview, done, done), ...previewBlock(result.preview), ...heldReviewNotes(result));
}

function notice(outcome: Outcome, ...body: HTMLElement[]): HTMLElement {
  return h(
    'div',
    {
      class: `message ${outcome.kind}`,
      role: outcome.kind === 'ok' ? 'status' : 'alert',
      'data-outcome': outcome.kind,
    },
    h('strong', {}, outcome.headline),
    ...body,
  );
}

/** Before any push: a channel the guard would hold makes the notice a warning that names it. */
function forecast(preview: Preview, okText: string, prefix: string): Outcome {
  const held = preview.filter((p) => p.wouldHold);
  if (!held.length) return { kind: 'ok', headline: okText };
  const list = held.map((p) => `${p.name} (${p.held} в 0)`);
  return {
    kind: 'warning',
    headline: `${prefix} Защита от обнуления задержит отправку: ${joined(list)} — проверьте таблицу.`,
  };
}

type SendRow = SendResult['channels'][number];

/** A channel whose zeros the guard held: «Частично» only because of that, when its other changes went out. */
export function isHeldRow(c: SendRow): boolean {
  return c.status === 'Задержано защитой' || c.details.includes('задержано защитой');
}

/** Channel rows of a send: held by the guard, failed or partly refused, switched off, or not sent at all. */
function sendRows(send: SendResult) {
  const off = send.channels.filter((c) => c.status === 'Отправка выключена');
  return {
    held: unique(send.channels.filter(isHeldRow).map((c) => c.channel)),
    failed: send.channels
      .filter((c) => !isHeldRow(c) && (c.status === 'Ошибка' || c.status === 'Частично'))
      .map((c) => `${c.channel} — ${c.status.toLowerCase()}`),
    off: unique(off.map((c) => c.channel)),
    allOff: send.channels.length > 0 && off.length === send.channels.length,
    offWhy: off[0]?.details ?? '',
    // «Отправить остатки» sends every item: a channel with none is one whose column shows nothing to send.
    empty: send.channels.length > 0 && send.channels.every((c) => c.status === 'Выполнено' && c.items === 0),
  };
}

function heldInSend(send: SendResult): Set<string> {
  return new Set(sendRows(send).held);
}

/**
 * Where a send started: «Сохранить и отправить» (the settings are saved whatever the send did),
 * «Отправить остатки», or «Сохранить комплекты» (the kits are on their sheet whatever the run did).
 */
export type SendFrom = 'save' | 'button' | 'kits';

/** The headline's first words, by what happened and where the send started. */
const LEADS: Record<SendFrom, Record<'partly' | 'held' | 'notSent' | 'nothing' | 'unfinished' | 'done', string>> = {
  save: {
    partly: 'Сохранено, но отправлено не всё:',
    held: 'Сохранено.',
    notSent: 'Сохранено, но не отправлено:',
    nothing: 'Сохранено, но ничего не отправлено:',
    unfinished: 'Сохранено, отправлено не всё:',
    done: 'Сохранено и отправлено:',
  },
  kits: {
    partly: 'Комплекты сохранены, но отправлено не всё:',
    held: 'Комплекты сохранены.',
    notSent: 'Комплекты сохранены, но не отправлены:',
    nothing: 'Комплекты сохранены, но ничего не отправлено:',
    unfinished: 'Комплекты сохранены, отправлено не всё:',
    done: 'Комплекты сохранены и отправлены:',
  },
  button: {
    partly: 'Отправлено не всё:',
    held: 'Отправлено не всё.',
    notSent: 'Не отправлено:',
    nothing: 'Ничего не отправлено:',
    unfinished: 'Отправлено не всё:',
    done: 'Отправлено:',
  },
};

/**
 * The one rule for a send's result, wherever it started: the worst outcome decides the colour and
 * the headline; «…отправлено» in green only when every channel that sends went through.
 */
export function sendOutcome(send: SendResult, from: SendFrom): Outcome {
  const lead = LEADS[from];
  const { held, failed, off, allOff, offWhy, empty } = sendRows(send);
  const more = send.message === 'Готово.' ? '' : ` ${send.message}`;
  const heldText = held.length
    ? `${joined(held)} ${held.length === 1 ? 'задержан' : 'задержаны'} защитой от обнуления — проверьте и подтвердите на «Сводке».`
    : '';
  if (failed.length)
    return {
      kind: 'error',
      headline: `${lead.partly} ${failed.join(', ')}.${heldText ? ` ${heldText}` : ''}${more}`,
    };
  if (held.length) return { kind: 'warning', headline: `${lead.held} ${heldText}${more}` };
  if (!send.ok) return { kind: 'error', headline: `${lead.notSent} ${send.message}` };
  if (send.queued || send.status === 'skipped') return { kind: 'warning', headline: `${lead.notSent} ${send.message}` };
  if (allOff) return { kind: 'warning', headline: `${lead.nothing} ${offWhy}.` };
  if (empty) return { kind: 'warning', headline: `${lead.nothing} в столбцах каналов нет товаров с числами.` };
  if (send.status === 'continues') return { kind: 'warning', headline: `${lead.unfinished} ${send.message}` };
  // A channel switched off on purpose is no failure, but the green line does not hide it.
  const skipped = off.length ? ` Не отправлялось: ${joined(off)} — отправка в канал выключена.` : '';
  return { kind: 'ok', headline: `${lead.done} ${send.message}${skipped}` };
}

/** What the channels that failed or were partly refused said (the journal's details), one line each. */
export function failedDetails(send: SendResult): string[] {
  return send.channels
    .filter((c) => !isHeldRow(c) && (c.status === 'Ошибка' || c.status === 'Частично') && c.details)
    .map((c) => `${c.channel}: ${c.details}`);
}

/** The notice after «Отправить остатки»: the same words and colour rule as after «Сохранить и отправить». */
export function sendNotice(send: SendResult): HTMLElement {
  return notice(sendOutcome(send, 'button'));
}

/** The table and its notes; nothing when no channel sends through an API. */
function previewBlock(preview: Preview, heldNow?: Set<string>): HTMLElement[] {
  if (!preview.length) return [];
  return [previewTable(preview, heldNow), ...previewNotes(preview)];
}

/**
 * Two lines per channel, so that it fits 300 px with numbers of any size: the name (wrapping) and
 * the guard's word, then «изменится», «↑», «↓», «в 0» right-aligned in their own cells. `heldNow`:
 * after a send, the channels its guard did hold (otherwise the guard's forecast is shown).
 */
export function previewTable(preview: Preview, heldNow?: Set<string>): HTMLElement {
  const num = (text: string | number) => h('td', { class: 'num' }, String(text));
  return h(
    'table',
    { id: 'preview', class: 'push-preview' },
    h('caption', {}, heldNow ? 'Что отправка должна была изменить' : 'Что изменит отправка'),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { colspan: '2' }, 'Канал'), h('th', { colspan: '2', class: 'guard' }, 'защита')),
      h(
        'tr',
        {},
        h('th', { class: 'num' }, 'изменится'),
        h('th', { class: 'num' }, '↑'),
        h('th', { class: 'num' }, '↓'),
        h('th', { class: 'num' }, 'в 0'),
      ),
    ),
    ...preview.map((p) => {
      const guard = guardWords(p, heldNow);
      return h(
        'tbody',
        { 'data-channel': p.channelId, class: guard.held ? 'held' : '' },
        h(
          'tr',
          {},
          h('td', { colspan: '2', class: 'name' }, p.name),
          h('td', { colspan: '2', class: 'guard' }, ...guard.lines),
        ),
        h('tr', {}, num(p.changed), num(p.up), num(p.down), num(p.toZero)),
      );
    }),
  );
}

/** The guard's cell: whether it holds this channel's zeros, and whether the channel sends at all. */
function guardWords(p: ChannelPreview, heldNow?: Set<string>): { held: boolean; lines: HTMLElement[] } {
  const held = heldNow ? heldNow.has(p.name) : p.wouldHold;
  const lines: HTMLElement[] = [];
  if (!p.sendEnabled) lines.push(h('span', { class: 'muted' }, 'отправка выключена'));
  if (held) lines.push(h('span', { class: 'held-word' }, heldNow ? 'задержано защитой' : 'задержит защита'));
  else if (p.toZero) lines.push(h('span', { class: 'muted' }, heldNow ? 'не задержано' : 'не задержит'));
  if (!lines.length) lines.push(h('span', { class: 'muted' }, '—'));
  return { held, lines };
}

/** One short line for each thing the numbers do not say: what the guard lets through. */
function previewNotes(preview: Preview): HTMLElement[] {
  const notes: string[] = [];
  if (preview.some((p) => p.down > p.toZero)) notes.push('Уменьшения не до нуля защита не задерживает.');
  const explained = preview.filter((p) => p.explained > 0);
  if (explained.length)
    notes.push(
      `Обнуления из-за заказов и резервов защита не задерживает: ${explained.map((p) => `${p.name} ${p.explained}`).join(', ')}.`,
    );
  return notes.map((text) => h('p', { class: 'preview-note' }, text));
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/** «Ozon», «Ozon и Wildberries», «Ozon, Wildberries и Яндекс Маркет». */
function joined(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} и ${items[items.length - 1]}`;
}
