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
    ownKey: connection?.status === 'connected',
    hint: h('p', { class: 'muted key-hint' }, keyHintText(connection)),
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
    inputs.length ? card.hint : null,
    ...marketplaceNotes(channel),
    h('div', { class: 'actions' }, checkButton(card, inputs)),
    card.feedback,
    card.targets,
  );
}

/** What «Проверить подключение» does with a typed key, said before it is pressed. */
function keyHintText(connection: State['connections'][number] | undefined): string {
  if (connection?.status === 'connected' && connection.check === 'ok')
    return 'Новый ключ заменит прежний, только если площадка его примет.';
  return 'Введите ключ и нажмите «Проверить подключение»: ключ сохранится, если площадка его примет.';
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
  /** This user has a key of their own stored: with the fields empty, that key is checked. */
  ownKey: boolean;
  /** What a typed key will do, which follows the last check. */
  hint: HTMLElement;
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

type CheckResult = Awaited<ReturnType<typeof call<'testConnection'>>>;

/**
 * «Проверить подключение»: a key typed in the fields is checked and, if the marketplace accepts it, saved;
 * with the fields empty, the stored key is checked. Never «сначала введите ключ» while a key is on screen.
 */
function checkButton(card: Card, inputs: HTMLInputElement[]): HTMLButtonElement {
  const { feedback } = card;
  const check = h('button', { type: 'button' }, 'Проверить подключение') as HTMLButtonElement;
  check.addEventListener('click', async () => {
    clearKeyErrors(inputs);
    feedback.replaceChildren();
    const typed = inputs.length > 0 && (inputs.some((i) => i.value.trim() !== '') || !card.ownKey);
    const unsafe = inputs.find((i) => !headerSafe(i.value));
    if (typed && unsafe) return showKeyError(inputs, NOT_A_HEADER, unsafe);
    const credentials = typed ? Object.fromEntries(inputs.map((i) => [i.name, i.value])) : undefined;
    check.disabled = true;
    check.textContent = 'Проверяю…';
    try {
      const result = await (credentials
        ? call('testConnection', card.channel.id, credentials)
        : call('testConnection', card.channel.id));
      await showCheck(card, inputs, result, credentials);
    } catch (error) {
      feedback.replaceChildren(errorNote(errorText(error)));
    } finally {
      check.disabled = false;
      check.textContent = 'Проверить подключение';
    }
  });
  return check;
}

/** The check's outcome: under the field, in the state line, or beside the card — each said once. */
async function showCheck(
  card: Card,
  inputs: HTMLInputElement[],
  result: CheckResult,
  credentials: Record<string, string> | undefined,
): Promise<void> {
  if (!result.ok && result.reason === 'key') return showKeyError(inputs, result.error);
  if (result.saved) for (const i of inputs) i.value = '';
  const shown = await showRecordedCheck(card);
  if (!result.ok) {
    // The state line already says why the stored key failed: the same words are not repeated under it.
    if (shown.includes(result.error)) return;
    const offer = result.reason === 'unreachable' && credentials && !result.saved;
    card.feedback.replaceChildren(errorNote(result.error), offer ? saveUncheckedButton(card, inputs, credentials) : '');
    return;
  }
  const saved = result.saved ? ' Ключ сохранён.' : '';
  // A warning (no WB cards) makes the message amber: the key works, but nothing can go out yet.
  const warning = result.warning ? ` ${result.warning}` : '';
  // MegaMarket, AliExpress and Avito have nothing to pick: what their targets say joins the note.
  const targetless = presetOf(card.channel.marketplace).target === 'none';
  const notes = [result.note, ...(targetless ? result.targets.map((t) => t.note) : [])].filter(Boolean);
  card.feedback.replaceChildren(
    h(
      'div',
      { class: `message ${result.warning ? 'warning' : 'ok'}`, role: 'status' },
      `Подключение работает${notes.length ? `; ${notes.join('; ')}` : ''}.${saved}${warning}`,
    ),
  );
  card.targets.replaceChildren(...(targetless ? [] : [targetPicker(card, result.targets)]));
}

/** The marketplace did not answer and a working key would be replaced: the seller decides (SPEC 8 setCredentials stores). */
function saveUncheckedButton(
  card: Card,
  inputs: HTMLInputElement[],
  credentials: Record<string, string>,
): HTMLButtonElement {
  const save = h('button', { type: 'button' }, 'Сохранить без проверки') as HTMLButtonElement;
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      const result = await call('setCredentials', card.channel.id, credentials);
      if (!result.ok) return showKeyError(inputs, result.error);
      for (const i of inputs) i.value = '';
      card.refresh(`${card.channel.name}: ${result.connection.text}`);
    } catch (error) {
      card.feedback.replaceChildren(errorNote(errorText(error)));
    } finally {
      save.disabled = false;
    }
  });
  return save;
}

/** The check just made is recorded on the server: the state line says what it found, and when. */
async function showRecordedCheck(card: Card): Promise<string> {
  const state = await call('getState');
  const connection = state.connections.find((c) => c.channelId === card.channel.id);
  if (!connection) return '';
  card.status.textContent = connection.text;
  card.status.className = connection.check === 'failed' ? 'message error' : 'muted';
  card.status.dataset.check = connection.check ?? 'none';
  card.ownKey = connection.status === 'connected';
  card.hint.textContent = keyHintText(connection);
  // Later picks save the settings as they are now (another tab may have saved them meanwhile).
  card.state = state;
  return connection.text;
}

type Target = Extract<Awaited<ReturnType<typeof call<'testConnection'>>>, { ok: true }>['targets'][number];

/** A marketplace's own status word («created») is no word for a seller: a note without Russian is left out. */
const shownNote = (note: string | undefined) => (note && /[а-яё]/i.test(note) ? note : '');

/** The id a channel's target holds now, for the pick to start from. */
function currentTarget(channel: Channel): string | undefined {
  const t = channel.target ?? {};
  return channel.marketplace === 'yandex' ? t.campaignId : t.warehouseId;
}

/**
 * The marketplace's warehouses (or Yandex campaigns) as a list whose long names wrap at 300 px, each with
 * its number in small text, and «Использовать», which saves the pick at once.
 */
function targetPicker(card: Card, targets: Target[]): HTMLElement {
  const { channel } = card;
  const what = channel.marketplace === 'yandex' ? 'магазин' : 'склад';
  if (!targets.length) return h('div', {});
  const current = currentTarget(card.state.settings.channels.find((c) => c.id === channel.id) ?? channel);
  const picked = targets.some((t) => t.id === current) ? current : targets[0].id;
  const options = targets.map((t) => targetOption(channel, t, t.id === picked));
  const radios = options.map((o) => o.radio);
  const use = h('button', { type: 'button', class: 'primary' }, 'Использовать') as HTMLButtonElement;
  use.addEventListener('click', async () => {
    const chosen = targets.find((t) => radios.some((r) => r.checked && r.value === t.id));
    if (!chosen) return;
    use.disabled = true;
    try {
      const saved = await call('saveSettings', withTarget(card.state, channel, chosen));
      if (saved.ok) card.refresh(`${channel.name}: выбран ${what} «${chosen.name}».`);
      else card.feedback.replaceChildren(errorNote(saved.errors.map((e) => e.message).join('; ')));
    } catch (error) {
      card.feedback.replaceChildren(errorNote(errorText(error)));
    } finally {
      use.disabled = false;
    }
  });
  return h(
    'fieldset',
    { class: 'targets', role: 'radiogroup', 'aria-label': `${channel.name}: ${what}` },
    h('legend', {}, channel.marketplace === 'yandex' ? 'Магазин для остатков' : 'Склад для остатков'),
    ...options.map((o) => o.label),
    h('div', { class: 'actions' }, use),
  );
}

/** «Склад Москва (FBS)», and under it in small text «активный · № 22254230484000». */
function targetOption(channel: Channel, t: Target, checked: boolean): { radio: HTMLInputElement; label: HTMLElement } {
  const radio = h('input', { type: 'radio', name: `target-${channel.id}`, value: t.id }) as HTMLInputElement;
  radio.checked = checked;
  const small = [shownNote(t.note), `№ ${t.id}`].filter(Boolean).join(' · ');
  const label = h(
    'label',
    { class: 'target-option' },
    radio,
    h('span', {}, h('span', { class: 'target-name' }, t.name), h('small', { class: 'muted' }, small)),
  );
  return { radio, label };
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
