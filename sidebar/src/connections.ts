/**
 * «Подключение площадок»: for each marketplace channel, its state («проверено 01.12.2026 10:00, склад …»), the
 * key fields (never shown back), «Проверить подключение», and the warehouse or campaign to use.
 */
import { presetOf } from '../../src/core/channelPresets';
import { h } from './dom';
import { feedbackSlot } from './feedback';
import { call, errorText } from './server';

type State = Awaited<ReturnType<typeof call<'getState'>>>;
type Channel = State['settings']['channels'][number];

const FIELDS: Record<string, { name: string; label: string }[]> = {
  ozon: [
    { name: 'clientId', label: 'Client-Id' },
    { name: 'apiKey', label: 'API-ключ' },
  ],
  wb: [{ name: 'token', label: 'Токен (тип «Базовый»)' }],
  yandex: [{ name: 'apiKey', label: 'Api-Key' }],
  megamarket: [{ name: 'token', label: 'Токен Мегамаркета' }],
  aliexpress: [{ name: 'token', label: 'Токен AliExpress' }],
  avito: [
    { name: 'clientId', label: 'Client ID' },
    { name: 'clientSecret', label: 'Client Secret' },
  ],
};

/** `refresh` draws the panel again with the notice beside the card of the channel it is about. */
export function connectionsView(
  state: State,
  refresh: (channelId: string, notice: string) => void,
): HTMLElement | null {
  const channels = state.settings.channels.filter((c) => c.marketplace !== 'manual');
  if (state.settingsStatus !== 'saved' || !channels.length) return null;
  return h(
    'section',
    { id: 'connections' },
    h('h2', {}, 'Подключение площадок'),
    ...channels.map((channel) => channelCard(state, channel, refresh)),
  );
}

function channelCard(
  state: State,
  channel: Channel,
  refresh: (channelId: string, notice: string) => void,
): HTMLElement {
  const connection = state.connections.find((c) => c.channelId === channel.id);
  // A key that failed its last check is shown as an error, never as connected.
  const status = h(
    'p',
    {
      class: connection?.check === 'failed' ? 'message error' : 'muted',
      'data-connection': channel.id,
      'data-check': connection?.check ?? 'none',
    },
    connection?.text ?? 'не подключено',
  );
  const card: Card = {
    state,
    channel,
    refresh: (notice) => refresh(channel.id, notice),
    status,
    feedback: feedbackSlot(`connection:${channel.id}`),
    targets: h('div', {}),
  };
  const inputs = keyInputs(channel);
  return h(
    'div',
    { class: 'card', 'data-channel': channel.id },
    h('strong', {}, channel.name),
    status,
    ...inputs.map((i) =>
      h('label', { class: 'field' }, i, h('div', { class: 'field-error', 'data-error-for': i.name, role: 'alert' })),
    ),
    ...marketplaceNotes(channel),
    h('div', { class: 'actions' }, saveKeyButton(card, inputs), checkButton(card)),
    card.feedback,
    card.targets,
  );
}

/** What a channel card's buttons share: where they report, and how the panel redraws after a change. */
interface Card {
  state: State;
  channel: Channel;
  refresh: (notice: string) => void;
  /** The card's state line, redrawn after «Проверить подключение» records its outcome. */
  status: HTMLElement;
  feedback: HTMLElement;
  /** Where «Проверить подключение» offers the marketplace's warehouses or campaigns. */
  targets: HTMLElement;
}

/** Where the key is, and what the marketplace cannot do (MegaMarket shows no stock), for those the README does not walk through. */
function marketplaceNotes(channel: Channel): HTMLElement[] {
  const { keyHelp, caveat } = presetOf(channel.marketplace);
  return [
    keyHelp ? h('p', { class: 'muted key-help' }, keyHelp) : null,
    caveat ? h('p', { class: 'message warning preset-caveat' }, caveat) : null,
  ].filter((e): e is HTMLElement => e !== null);
}

function errorNote(text: string): HTMLElement {
  return h('div', { class: 'message error', role: 'alert' }, text);
}

/** Password fields, never filled back: a stored key shows only by its last four characters. */
function keyInputs(channel: Channel): HTMLInputElement[] {
  return (FIELDS[channel.marketplace] ?? []).map(
    (f) =>
      h('input', {
        type: 'password',
        autocomplete: 'off',
        spellcheck: 'false',
        name: f.name,
        'aria-label': `${channel.name}: ${f.label}`,
        placeholder: f.label,
      }) as HTMLInputElement,
  );
}

/** An HTTP header carries printable ASCII only (SPEC 7): a pasted Cyrillic letter or «ёлочка» is caught here. */
const NOT_A_HEADER =
  'Ключ содержит символы, которые нельзя передать площадке (русские буквы, кавычки-«ёлочки», переводы строки и т. п.): скопируйте его из кабинета ещё раз, только латиница, цифры и знаки';
const headerSafe = (value: string) => /^[\x20-\x7e]*$/.test(value.trim());

/** Each refusal goes under its field: Client-Id's under Client-Id, anything else under the key. */
function showKeyError(inputs: HTMLInputElement[], error: string, field?: HTMLInputElement): void {
  const target =
    field ??
    (/Client[- ]Id/i.test(error) ? inputs.find((i) => i.name === 'clientId') : undefined) ??
    inputs[inputs.length - 1];
  const slot = target?.parentElement?.querySelector('.field-error');
  if (!target || !slot) return;
  slot.textContent = error;
  target.setAttribute('aria-invalid', 'true');
  target.focus();
}

function clearKeyErrors(inputs: HTMLInputElement[]): void {
  for (const i of inputs) {
    i.removeAttribute('aria-invalid');
    const slot = i.parentElement?.querySelector('.field-error');
    if (slot) slot.textContent = '';
  }
}

function saveKeyButton(card: Card, inputs: HTMLInputElement[]): HTMLButtonElement {
  const { channel, feedback } = card;
  const save = h('button', { type: 'button' }, 'Сохранить ключ') as HTMLButtonElement;
  save.addEventListener('click', async () => {
    clearKeyErrors(inputs);
    feedback.replaceChildren();
    const unsafe = inputs.find((i) => !headerSafe(i.value));
    if (unsafe) return showKeyError(inputs, NOT_A_HEADER, unsafe);
    const credentials = Object.fromEntries(inputs.map((i) => [i.name, i.value]));
    save.disabled = true;
    try {
      const result = await call('setCredentials', channel.id, credentials);
      if (!result.ok) return showKeyError(inputs, result.error);
      for (const i of inputs) i.value = '';
      card.refresh(`${channel.name}: ${result.connection.text}`);
    } catch (error) {
      feedback.replaceChildren(errorNote(errorText(error)));
    } finally {
      save.disabled = false;
    }
  });
  return save;
}

function checkButton(card: Card): HTMLButtonElement {
  const { channel, feedback } = card;
  const check = h('button', { type: 'button' }, 'Проверить подключение') as HTMLButtonElement;
  check.addEventListener('click', async () => {
    check.disabled = true;
    check.textContent = 'Проверяю…';
    try {
      const result = await call('testConnection', channel.id);
      await showRecordedCheck(card);
      if (!result.ok) {
        feedback.replaceChildren(errorNote(result.error));
        return;
      }
      // MegaMarket, AliExpress and Avito have nothing to pick: what their targets say joins the note.
      const targetless = presetOf(channel.marketplace).target === 'none';
      const notes = [result.note, ...(targetless ? result.targets.map((t) => t.note) : [])].filter(Boolean);
      feedback.replaceChildren(
        h(
          'div',
          { class: 'message ok', role: 'status' },
          `Подключение работает${notes.length ? `; ${notes.join('; ')}` : ''}.`,
        ),
      );
      card.targets.replaceChildren(...(targetless ? [] : [targetPicker(card, result.targets)]));
    } catch (error) {
      feedback.replaceChildren(errorNote(errorText(error)));
    } finally {
      check.disabled = false;
      check.textContent = 'Проверить подключение';
    }
  });
  return check;
}

/** The check just made is recorded on the server: the state line says what it found, and when. */
async function showRecordedCheck(card: Card): Promise<void> {
  const state = await call('getState');
  const connection = state.connections.find((c) => c.channelId === card.channel.id);
  if (!connection) return;
  card.status.textContent = connection.text;
  card.status.className = connection.check === 'failed' ? 'message error' : 'muted';
  card.status.dataset.check = connection.check ?? 'none';
}

type Target = Extract<Awaited<ReturnType<typeof call<'testConnection'>>>, { ok: true }>['targets'][number];

/** The marketplace's warehouses (or Yandex campaigns) and «Использовать», which saves the pick at once. */
function targetPicker(card: Card, targets: Target[]): HTMLElement {
  const { channel } = card;
  const select = h(
    'select',
    { 'aria-label': `${channel.name}: ${channel.marketplace === 'yandex' ? 'магазин' : 'склад'}` },
    ...targets.map((t) => h('option', { value: t.id }, `${t.name} (${t.id})${t.note ? `, ${t.note}` : ''}`)),
  ) as HTMLSelectElement;
  const use = h('button', { type: 'button', class: 'primary' }, 'Использовать') as HTMLButtonElement;
  use.addEventListener('click', async () => {
    const picked = targets.find((t) => t.id === select.value);
    if (!picked) return;
    const settings = withTarget(card.state, channel, picked);
    use.disabled = true;
    try {
      const saved = await call('saveSettings', settings);
      if (saved.ok)
        card.refresh(
          `${channel.name}: выбран ${channel.marketplace === 'yandex' ? 'магазин' : 'склад'} «${picked.name}».`,
        );
      else card.feedback.replaceChildren(errorNote(saved.errors.map((e) => e.message).join('; ')));
    } catch (error) {
      card.feedback.replaceChildren(errorNote(errorText(error)));
    } finally {
      use.disabled = false;
    }
  });
  return h('div', { class: 'actions' }, select, use);
}

/** A copy of the stored settings with the channel pointed at the picked warehouse or campaign. */
function withTarget(state: State, channel: Channel, picked: Target): State['settings'] {
  const settings = JSON.parse(JSON.stringify(state.settings));
  const target = settings.channels.find((c: Channel) => c.id === channel.id);
  target.target =
    channel.marketplace === 'yandex'
      ? { ...target.target, campaignId: picked.id, businessId: picked.businessId }
      : { ...target.target, warehouseId: picked.id };
  return settings;
}
