/**
 * «Откуда берутся остатки» of a warehouse: the kind of source and its fields, with a warning when a
 * CSV, YML or 1C address is one this build may not fetch from.
 */
import { presetOf } from '../../src/core/channelPresets';
import { allowedByWhitelist } from '../../src/core/sources';
import { h } from './dom';
import type { Draft, FormContext, Source, Warehouse } from './draft';
import { control, select, textInput } from './fields';

const SOURCE_KINDS: [Source['kind'] | '', string][] = [
  ['', 'вручную'],
  ['csv', 'CSV по ссылке'],
  ['yml', 'YML/XML-фид по ссылке'],
  ['sheet', 'другая Google Таблица'],
  ['channel', 'что показывает канал'],
  ['email', 'письмо с CSV или XLSX'],
  ['commerceml', '1С (CommerceML)'],
];

/** What each kind reads, under its fields. */
const HINTS: Partial<Record<Source['kind'], string>> = {
  email:
    'Берётся вложение последнего письма по запросу: CSV, XLSX (первый лист или названный) или offers.xml из 1С — тогда столбцы не нужны.',
  commerceml:
    'Файлы обмена 1С с сайтом (CommerceML 2). Если у предложений в offers.xml нет артикулов, укажите и import.xml: по нему «Ид» сопоставляется с артикулом.',
};

const NOT_FETCHABLE =
  'Эта установка не может скачивать с этого адреса: его нужно разрешить при сборке (как — в README, раздел «Источники остатков»). Без этого импорт будет давать ошибку.';

export function sourceEditor(ctx: FormContext, w: Warehouse, i: number): HTMLElement {
  const path = `warehouses.${i}.source`;
  const kind = select(SOURCE_KINDS, w.source?.kind ?? '', (v) => {
    if (!v) delete w.source;
    else w.source = freshSource(v, ctx.draft);
    ctx.rerender();
  });
  const src = w.source;
  const warning = h('div', { class: 'field-error source-warning', role: 'status' });
  const check = () => {
    warning.textContent = src && blockedByWhitelist(src, ctx.state.fetchWhitelist) ? NOT_FETCHABLE : '';
  };
  const fields = src ? sourceFields(ctx.draft, src, path, check) : [];
  check();
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Откуда берутся остатки'),
    control('Источник', kind, `${path}.kind`),
    ...fields,
    warning,
    src && HINTS[src.kind] ? h('p', { class: 'muted source-hint' }, HINTS[src.kind] as string) : null,
    src
      ? h('p', { class: 'muted' }, 'Заполняется при каждом запуске по расписанию и «Синхронизировать сейчас».')
      : null,
  );
}

/** A channel whose marketplace shows its stock through the API: only such a channel can be a source. */
const readable = (c: Draft['channels'][number]) => presetOf(c.marketplace).readsStock;

/** A new source of that kind with the usual headers filled in; «channel» starts from the first readable marketplace. */
function freshSource(kind: Source['kind'], draft: Draft): Source {
  if (kind === 'csv') return { kind, url: '', skuHeader: 'Артикул', qtyHeader: 'Остаток' };
  if (kind === 'yml') return { kind, url: '' };
  if (kind === 'sheet') return { kind, spreadsheetUrl: '', sheet: 'Лист1', skuHeader: 'Артикул', qtyHeader: 'Остаток' };
  if (kind === 'channel') return { kind, channelId: draft.channels.find(readable)?.id ?? '' };
  if (kind === 'commerceml') return { kind, url: '' };
  return { kind, query: 'from:supplier@example.com has:attachment', skuHeader: 'Артикул', qtyHeader: 'Остаток' };
}

/** A fetched source with an https address this build may not fetch from; other addresses are the server's to judge. */
function blockedByWhitelist(src: Source, whitelist: string[]): boolean {
  const urls =
    src.kind === 'csv' || src.kind === 'yml' ? [src.url] : src.kind === 'commerceml' ? [src.url, src.importUrl] : [];
  return urls.some((url) => /^https:\/\//i.test(url ?? '') && !allowedByWhitelist(url ?? '', whitelist));
}

function sourceFields(draft: Draft, src: Source, path: string, onUrlChange: () => void): HTMLElement[] {
  const text = <K extends string>(s: Record<K, string>, label: string, key: K, placeholder = '') =>
    control(
      label,
      textInput(
        s[key],
        (v) => {
          s[key] = v;
          if (key === 'url') onUrlChange();
        },
        { placeholder },
      ),
      `${path}.${key}`,
    );
  // An optional field left blank is absent from the settings, not an empty text the server refuses.
  const optional = <K extends string>(s: Partial<Record<K, string>>, label: string, key: K, placeholder = '') =>
    control(
      label,
      textInput(
        s[key],
        (v) => {
          if (v.trim() === '') delete s[key];
          else s[key] = v;
          onUrlChange();
        },
        { placeholder },
      ),
      `${path}.${key}`,
    );
  const columns = (s: Record<'skuHeader' | 'qtyHeader', string>) => [
    text(s, 'Столбец артикула', 'skuHeader'),
    text(s, 'Столбец количества', 'qtyHeader'),
  ];
  if (src.kind === 'csv') return [text(src, 'Ссылка на CSV', 'url', 'https://…'), ...columns(src)];
  if (src.kind === 'yml') return [text(src, 'Ссылка на YML', 'url', 'https://…')];
  if (src.kind === 'sheet')
    return [
      text(src, 'Ссылка на таблицу', 'spreadsheetUrl', 'https://docs.google.com/spreadsheets/…'),
      text(src, 'Лист', 'sheet'),
      ...columns(src),
    ];
  if (src.kind === 'channel') return [channelPicker(draft, src, path)];
  if (src.kind === 'email')
    return [
      text(src, 'Поиск письма (как в Gmail)', 'query'),
      ...columns(src),
      optional(src, 'Лист XLSX (пусто — первый)', 'sheet'),
    ];
  if (src.kind === 'commerceml')
    return [
      text(src, 'Адрес offers.xml', 'url', 'https://…/offers.xml'),
      optional(src, 'Адрес import.xml (если в offers.xml нет артикулов)', 'importUrl', 'https://…/import.xml'),
    ];
  return [];
}

/**
 * The channel whose shown stock is the source: a channel of a marketplace that shows its stock. MegaMarket's
 * are left out, and the picker says why; one already stored stays listed, so the save's refusal names it.
 */
function channelPicker(draft: Draft, src: Extract<Source, { kind: 'channel' }>, path: string): HTMLElement {
  const channels = draft.channels
    .filter((c) => readable(c) || c.id === src.channelId)
    .map((c): [string, string] => [
      c.id,
      readable(c) ? c.name : `${c.name} (нельзя: ${presetOf(c.marketplace).label})`,
    ]);
  const unreadable = draft.channels.filter((c) => c.marketplace !== 'manual' && !readable(c));
  const picker = control(
    'Канал',
    select(channels, src.channelId, (v) => {
      src.channelId = v;
    }),
    `${path}.channelId`,
  );
  if (!unreadable.length) return picker;
  const names = unreadable.map((c) => `«${c.name}»`).join(', ');
  const markets = [...new Set(unreadable.map((c) => presetOf(c.marketplace).label))].join(', ');
  return h(
    'div',
    {},
    picker,
    h(
      'p',
      { class: 'muted source-unreadable' },
      `Нет в списке: ${names} — ${markets} не показывает остатки через API, брать их неоткуда.`,
    ),
  );
}
