/**
 * «Подключение площадок»: for each marketplace channel, its state («подключено, ключ …a1b2»), the
 * key fields (never shown back), «Проверить подключение», and the warehouse or campaign to use.
 */
import { h } from './dom';
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
};

function targetOf(channel: Channel): string {
  const t = channel.target ?? {};
  if (channel.marketplace === 'yandex') return t.campaignId ? `магазин ${t.campaignId}` : 'магазин не выбран';
  return t.warehouseId ? `склад ${t.warehouseId}` : 'склад не выбран';
}

export function connectionsView(state: State, refresh: (notice: string) => void): HTMLElement | null {
  const channels = state.settings.channels.filter((c) => c.marketplace !== 'manual');
  if (state.settingsStatus !== 'saved' || !channels.length) return null;
  return h(
    'section',
    { id: 'connections' },
    h('h2', {}, 'Подключение площадок'),
    ...channels.map((channel) => channelCard(state, channel, refresh)),
  );
}

function channelCard(state: State, channel: Channel, refresh: (notice: string) => void): HTMLElement {
  const connection = state.connections.find((c) => c.channelId === channel.id);
  const status = h(
    'p',
    { class: 'muted', 'data-connection': channel.id },
    `${connection?.text ?? 'не подключено'}; ${targetOf(channel)}`,
  );
  const feedback = h('div', {});
  const inputs = (FIELDS[channel.marketplace] ?? []).map((f) => {
    const input = h('input', {
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      name: f.name,
      'aria-label': `${channel.name}: ${f.label}`,
      placeholder: f.label,
    }) as HTMLInputElement;
    return input;
  });
  const save = h('button', { type: 'button' }, 'Сохранить ключ') as HTMLButtonElement;
  const check = h('button', { type: 'button' }, 'Проверить подключение') as HTMLButtonElement;
  const targets = h('div', {});

  save.addEventListener('click', async () => {
    const credentials = Object.fromEntries(inputs.map((i) => [i.name, i.value]));
    save.disabled = true;
    try {
      const result = await call('setCredentials', channel.id, credentials);
      for (const i of inputs) i.value = '';
      if (result.ok) refresh(`${channel.name}: ${result.connection.text}`);
      else feedback.replaceChildren(h('div', { class: 'message error', role: 'alert' }, result.error));
    } catch (error) {
      feedback.replaceChildren(h('div', { class: 'message error', role: 'alert' }, errorText(error)));
    } finally {
      save.disabled = false;
    }
  });

  check.addEventListener('click', async () => {
    check.disabled = true;
    check.textContent = 'Проверяю…';
    try {
      const result = await call('testConnection', channel.id);
      if (!result.ok) {
        feedback.replaceChildren(h('div', { class: 'message error', role: 'alert' }, result.error));
        return;
      }
      feedback.replaceChildren(
        h(
          'div',
          { class: 'message ok', role: 'status' },
          `Подключение работает${result.note ? `; ${result.note}` : ''}.`,
        ),
      );
      const select = h(
        'select',
        { 'aria-label': `${channel.name}: ${channel.marketplace === 'yandex' ? 'магазин' : 'склад'}` },
        ...result.targets.map((t) => h('option', { value: t.id }, `${t.name} (${t.id})${t.note ? `, ${t.note}` : ''}`)),
      ) as HTMLSelectElement;
      const use = h('button', { type: 'button', class: 'primary' }, 'Использовать') as HTMLButtonElement;
      use.addEventListener('click', async () => {
        const picked = result.targets.find((t) => t.id === select.value);
        if (!picked) return;
        const settings = JSON.parse(JSON.stringify(state.settings));
        const target = settings.channels.find((c: Channel) => c.id === channel.id);
        target.target =
          channel.marketplace === 'yandex'
            ? { ...target.target, campaignId: picked.id, businessId: picked.businessId }
            : { ...target.target, warehouseId: picked.id };
        use.disabled = true;
        try {
          const saved = await call('saveSettings', settings);
          if (saved.ok)
            refresh(
              `${channel.name}: выбран ${channel.marketplace === 'yandex' ? 'магазин' : 'склад'} «${picked.name}».`,
            );
          else
            feedback.replaceChildren(
              h('div', { class: 'message error', role: 'alert' }, saved.errors.map((e) => e.message).join('; ')),
            );
        } catch (error) {
          feedback.replaceChildren(h('div', { class: 'message error', role: 'alert' }, errorText(error)));
        } finally {
          use.disabled = false;
        }
      });
      targets.replaceChildren(h('div', { class: 'actions' }, select, use));
    } catch (error) {
      feedback.replaceChildren(h('div', { class: 'message error', role: 'alert' }, errorText(error)));
    } finally {
      check.disabled = false;
      check.textContent = 'Проверить подключение';
    }
  });

  return h(
    'div',
    { class: 'card', 'data-channel': channel.id },
    h('strong', {}, channel.name),
    status,
    ...inputs.map((i) => h('label', { class: 'field' }, i)),
    h('div', { class: 'actions' }, save, check),
    feedback,
    targets,
  );
}
