/**
 * npm start: the whole loop on this machine. Sandbox marketplaces, dist/Code.js over the Apps
 * Script fakes with a demo shop (200 SKUs, 3 warehouses, Ozon, Wildberries, Yandex Market, MegaMarket,
 * AliExpress, Avito and «Сайт»), and one page at http://127.0.0.1:8080 with the sheet as an editable grid, the real
 * sidebar beside it, what each marketplace shows now, and buttons that place orders. Every call that
 * may change something (the sidebar's, the page's) moves a change counter the page polls, so the sheet
 * and the marketplaces follow whatever the seller did, wherever. Low-stock alerts (SPEC 5.9) are on: a demo
 * Telegram bot in the sandbox and the owner's e-mail through MailApp's fake; the page lists what they received.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { computedHeaders } from '../src/core/allocation';
import { formatSellerDate } from '../src/core/dates';
import { RESERVE_HEADERS, STOCK_SHEET } from '../src/core/headers';
import type { Settings } from '../src/core/settings';
import { CONTENT_TYPES, type MimeTypeName } from '../test/fakes/content';
import { DIST, type Gas, loadBundle } from '../test/fakes/gas';
import { FakePropertiesService } from '../test/fakes/services';
import { FakeSpreadsheet } from '../test/fakes/spreadsheet';
import { ALI_SANDBOX } from './sandbox/aliexpress';
import { AVITO_SANDBOX } from './sandbox/avito';
import { type Sandboxes, startSandboxes } from './sandbox/harness';
import type { MarketplaceName } from './sandbox/hosts';
import { MM_SANDBOX } from './sandbox/megamarket';
import { OZON_SANDBOX, OZON_WAREHOUSES } from './sandbox/ozon';
import { WB_SANDBOX, WB_WAREHOUSES } from './sandbox/wildberries';
import { YM_CAMPAIGNS, YM_SANDBOX } from './sandbox/yandexMarket';
import { callBundle, readBody, sidebarPage } from './sidebarHost';

export const DEMO_SKUS = 200;
/** The web app's address (Apps Script: /macros/s/<deployment>/exec) and where it redirects its output. */
export const WEB_APP_PATH = '/macros/s/playground/exec';
const USER_CONTENT_PATH = '/macros/echo';
/** Sidebar calls that change neither the sheet nor a marketplace. */
const READ_ONLY = new Set(['getState', 'previewSelection']);
/** «Покупатель заказал»: the order shows in the marketplace's API three scheduled runs later. */
const BUYER_ORDER_DELAY_MS = 3 * 60_000;
const sku = (i: number) => `DEMO-${String(i + 1).padStart(3, '0')}`;
const barcode = (i: number) => `46${String(i + 1).padStart(11, '0')}`;
/** SKU i's Avito listing: Avito sets stock per listing, and the demo's «Авито ID» column holds its number. */
export const avitoItem = (i: number) => 2_790_000_001 + i;
const MARKETS: readonly MarketplaceName[] = ['ozon', 'wb', 'yandex', 'megamarket', 'aliexpress', 'avito'];
/** Each marketplace's column on «Остатки»: what «Заказ на …» picks an SKU in stock by. */
const MARKET_COLUMN: Record<MarketplaceName, string> = {
  ozon: 'Ozon',
  wb: 'WB',
  yandex: 'Яндекс Маркет',
  megamarket: 'Мегамаркет',
  aliexpress: 'AliExpress',
  avito: 'Авито',
};
/**
 * The demo's kit (SPEC 5.7): «НАБОР-1» = 2 × DEMO-007 + 1 × DEMO-002, its row on «Остатки» after the
 * 200 products, its warehouse cells blank; on the marketplaces it is one more listing (index KIT_INDEX).
 */
export const KIT_SKU = 'НАБОР-1';
const KIT_INDEX = DEMO_SKUS;
const KIT_PARTS: readonly [number, number][] = [
  [6, 2],
  [1, 1],
];
/** What the marketplaces list by index: the 200 products, then the kit. */
const item = (i: number) => (i === KIT_INDEX ? KIT_SKU : sku(i));
/** The demo owner: whose runs alert (SPEC 5.9), the address Session.getEffectiveUser gives and the digest goes to. */
export const OWNER_EMAIL = 'seller@example.com';
/** The demo's Telegram bot, as the sandbox's Bot API accepts it (token from @BotFather's form, chat from @userinfobot). */
export const DEMO_BOT = { token: '7012345678:AAGplaygroundDemoBotToken_0123456789', chatId: '100200300' };
/** Units on the warehouses of demo SKU i, and what its row offers for sale before any order. */
const demoStock = (i: number) => ({
  main: (i * 7) % 23,
  shop: (i * 3) % 5,
  supplier: i % 4 === 0 ? 10 : 0,
  safety: i % 10 === 0 ? 1 : 0,
});
const demoForSale = (i: number) => {
  const s = demoStock(i);
  return Math.max(0, s.main + s.shop + s.supplier - s.safety);
};
/**
 * «Мин. остаток» of demo SKU i: every third SKU has one, none below it at the start (the day's first alert
 * and digest wait for the seller). Most ask for 5; a few with 1–5 for sale sit right at their minimum, so
 * that one order or a lower number in the sheet takes them below.
 */
export const demoMin = (i: number): number | '' => {
  if (i % 3 !== 0) return '';
  const forSale = demoForSale(i);
  return forSale > 5 ? 5 : forSale > 0 ? forSale : '';
};
const NAMES = ['Кружка', 'Тарелка', 'Ложка', 'Вилка', 'Чайник', 'Сковорода', 'Кастрюля', 'Нож', 'Салатник', 'Поднос'];

export const DEMO_SETTINGS = {
  version: 1,
  sendEnabled: true,
  alerts: { email: true, telegram: true },
  schedule: { everyMinutes: 15 },
  reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', doubleReservation: true, pendingHoldMinutes: 120 },
  warehouses: [
    { id: 'main', column: 'Склад', type: 'own', inSale: true },
    { id: 'shop', column: 'Магазин', type: 'own', inSale: true },
    { id: 'supplier', column: 'Поставщик', type: 'supplier', inSale: true },
  ],
  channels: [
    {
      id: 'ozon',
      name: 'Ozon',
      column: 'Ozon',
      marketplace: 'ozon',
      rule: { type: 'share', percent: 90 },
      target: { warehouseId: String(OZON_WAREHOUSES[0].warehouse_id) },
      shipFrom: 'main',
    },
    {
      id: 'wb',
      name: 'Wildberries',
      column: 'WB',
      marketplace: 'wb',
      idHeader: 'WB баркод',
      rule: { type: 'conditions', conditions: [{ op: '>', value: 10, then: '10' }], otherwise: 'x' },
      target: { warehouseId: String(WB_WAREHOUSES[0].id) },
      shipFrom: 'main',
    },
    {
      id: 'ym',
      name: 'Яндекс Маркет',
      column: 'Яндекс Маркет',
      marketplace: 'yandex',
      rule: { type: 'equal' },
      sources: ['main', 'shop'],
      target: { campaignId: String(YM_CAMPAIGNS[0].id), businessId: String(YM_SANDBOX.businessId) },
      shipFrom: 'main',
    },
    // No warehouse or campaign to pick: the key connects the whole shop (Avito: each listing by its number).
    {
      id: 'mm',
      name: 'Мегамаркет',
      column: 'Мегамаркет',
      marketplace: 'megamarket',
      rule: { type: 'share', percent: 80 },
      shipFrom: 'main',
    },
    {
      id: 'ali',
      name: 'AliExpress',
      column: 'AliExpress',
      marketplace: 'aliexpress',
      rule: { type: 'share', percent: 100 },
      sources: ['main'],
      shipFrom: 'main',
    },
    {
      id: 'avito',
      name: 'Авито',
      column: 'Авито',
      marketplace: 'avito',
      idHeader: 'Авито ID',
      rule: { type: 'share', percent: 50 },
      shipFrom: 'main',
    },
    {
      id: 'site',
      name: 'Сайт',
      column: 'Сайт',
      marketplace: 'manual',
      rule: { type: 'equal' },
      sources: ['main', 'shop'],
      // Published as the site's YML feed: the page links it, served through a redirect as Apps Script does.
      feed: true,
    },
  ],
};

/** One alert as the page's «Уведомления» panel lists it. */
export interface AlertEntry {
  kind: 'email' | 'telegram';
  /** When the page's server saw it arrive, in the spreadsheet's time. */
  at: string;
  /** The e-mail's address, or the Telegram chat. */
  to: string;
  subject?: string;
  text: string;
}

export interface Playground {
  url: string;
  gas: Gas;
  sandboxes: Sandboxes;
  stop(): Promise<void>;
}

function demoBook(): FakeSpreadsheet {
  const book = new FakeSpreadsheet();
  const rows: unknown[][] = [
    [
      'Артикул',
      'Наименование',
      'Склад',
      'Магазин',
      'Поставщик',
      'Страховой запас',
      'Мин. остаток',
      'WB баркод',
      'Авито ID',
    ],
  ];
  for (let i = 0; i < DEMO_SKUS; i++) {
    const s = demoStock(i);
    rows.push([
      sku(i),
      `${NAMES[i % NAMES.length]} №${i + 1}`,
      s.main,
      s.shop,
      s.supplier,
      s.safety || '',
      demoMin(i),
      barcode(i),
      avitoItem(i),
    ]);
  }
  rows.push([KIT_SKU, 'Набор: 2 кастрюли и тарелка', '', '', '', '', 3, barcode(KIT_INDEX), avitoItem(KIT_INDEX)]);
  book.addSheet('Остатки', rows);
  book.addSheet('Резервы', [Object.values(RESERVE_HEADERS)]);
  // Written as sellers often do: the kit named once, over its components (the form writes it on every
  // row; README «Комплекты» says both read the same).
  book.addSheet('Комплекты', [
    ['Комплект', 'Артикул', 'Кол-во'],
    ...KIT_PARTS.map(([i, qty], k) => [k ? '' : KIT_SKU, sku(i), qty]),
  ]);
  return book;
}

export async function startPlayground(port = 8080): Promise<Playground> {
  const sandboxes = await startSandboxes(Date.now() - 20 * 60_000);
  const ids = Array.from({ length: DEMO_SKUS + 1 }, (_, i) => item(i));
  sandboxes.control('ozon', 'seed', { offers: ids });
  // The demo shows a change right after its run, without waiting for Ozon's apply delay.
  sandboxes.control('ozon', 'configure', { applyDelayMs: 0 });
  sandboxes.control('yandex', 'seed', { offers: ids });
  // The playground shows a push at once; Yandex Market itself takes up to several minutes.
  sandboxes.control('yandex', 'configure', { applyDelayMs: 0 });
  sandboxes.control('wb', 'seed', { items: ids.map((vendorCode, i) => ({ vendorCode, sizes: [[barcode(i)]] })) });
  sandboxes.control('megamarket', 'seed', { offers: ids });
  sandboxes.control('aliexpress', 'seed', { codes: ids });
  sandboxes.control('avito', 'seed', { items: ids.map((_, i) => avitoItem(i)) });
  // MegaMarket's panel shows what it took at once (its API shows nothing); Avito's cache, too.
  sandboxes.control('megamarket', 'configure', { applyDelayMs: 0 });
  sandboxes.control('avito', 'configure', { applyDelayMs: 0 });
  // A buyer's order reaches each marketplace's orders API this long after it is placed (the
  // marketplace reserves its units at once): long enough to watch «По остатку» hold them first.
  for (const m of MARKETS) sandboxes.control(m, 'configure', { orderDelayMs: BUYER_ORDER_DELAY_MS });
  const book = demoBook();
  const properties = new FakePropertiesService();
  properties.currentUser = OWNER_EMAIL;
  const gas = loadBundle({ book, sandboxes, properties });
  const saved = gas.fn.saveSettings(DEMO_SETTINGS);
  if (!saved.ok) throw new Error(`demo settings: ${JSON.stringify(saved.errors)}`);
  gas.fn.setCredentials('ozon', OZON_SANDBOX);
  gas.fn.setCredentials('wb', WB_SANDBOX);
  gas.fn.setCredentials('ym', YM_SANDBOX);
  gas.fn.setCredentials('mm', MM_SANDBOX);
  gas.fn.setCredentials('ali', ALI_SANDBOX);
  gas.fn.setCredentials('avito', AVITO_SANDBOX);
  for (const id of ['ozon', 'wb', 'ym', 'mm', 'ali', 'avito']) gas.fn.testConnection(id);
  // The owner's bot, as «Подключить» in «Сводка» stores it: the sandbox's Bot API knows its token and chat.
  sandboxes.telegram('configure', { token: DEMO_BOT.token, chats: [DEMO_BOT.chatId] });
  const bot = gas.fn.setAlertCredentials(DEMO_BOT);
  if (!bot.ok) throw new Error(`demo bot: ${bot.error}`);
  gas.fn.sendStocks('sidebar');
  // The demo shop's first sync happened 20 minutes ago, past every settle window (SPEC 5.4).
  sandboxes.clock.set(Math.max(sandboxes.clock.now(), Date.now()));
  let orderNo = 1;
  const page = fs.readFileSync(path.join(__dirname, 'playground.html'), 'utf8');

  // Each simulated run happens a minute after the last one, as a schedule would.
  const scheduled = () => {
    sandboxes.clock.advance(60_000);
    return gas.fn.runScheduledSync();
  };

  /**
   * What each marketplace shows of every demo SKU, in catalogue order: one 'state' read each (600 'stock'
   * reads take half a second). 'state' skips the step every other control action takes first, applying
   * pushes that are due, so one 'stock' read goes before it.
   */
  const markets = () => {
    const ozonWarehouse = OZON_WAREHOUSES[0].warehouse_id;
    sandboxes.control('ozon', 'stock', { offer_id: sku(0), warehouse_id: ozonWarehouse });
    const ozon = sandboxes.control('ozon', 'state').stock as Record<string, { present: number; reserved: number }>;
    const wb = sandboxes.control('wb', 'state').stocks[WB_WAREHOUSES[0].id] ?? {};
    sandboxes.control('yandex', 'stock', { campaignId: YM_CAMPAIGNS[0].id, offerId: sku(0) });
    const yandex = sandboxes.control('yandex', 'state').stocks[YM_CAMPAIGNS[0].id] ?? {};
    // MegaMarket's API has no stock read: this is what its sandbox holds, shown only here.
    const mm = sandboxes.control('megamarket', 'state').stock as Record<string, { available: number }>;
    const ali = new Map(
      (sandboxes.control('aliexpress', 'skus') as { code: string; available: number }[]).map((s) => [
        s.code,
        s.available,
      ]),
    );
    const avito = sandboxes.control('avito', 'state').listings as Record<string, { shown: number }>;
    return Array.from({ length: DEMO_SKUS + 1 }, (_, i) => {
      const o = ozon[`${item(i)}|${ozonWarehouse}`];
      return {
        sku: item(i),
        ozon: o ? Math.max(0, o.present - o.reserved) : null,
        wb: wb[(300_000 + i) * 10] ?? null,
        yandex: yandex[item(i)] ?? null,
        megamarket: mm[item(i)]?.available ?? null,
        aliexpress: ali.get(item(i)) ?? null,
        avito: avito[avitoItem(i)]?.shown ?? null,
      };
    });
  };

  /** A random demo SKU that this marketplace's column shows above 0. */
  const pickInStock = (market: MarketplaceName): number | undefined => {
    const rows = book.sheet(STOCK_SHEET).dump();
    const col = rows[0].indexOf(MARKET_COLUMN[market]);
    const at = rows[0].indexOf('Артикул');
    const candidates = Array.from({ length: DEMO_SKUS }, (_, i) => i).filter((i) => {
      const shown = rows.find((r) => r[at] === sku(i))?.[col];
      return typeof shown === 'number' && shown > 0;
    });
    return candidates.length ? candidates[Math.floor(Math.random() * candidates.length)] : undefined;
  };

  /** An order of one unit of SKU i (KIT_INDEX: the kit) that the marketplace's orders API lists at once. */
  const ORDER: Record<MarketplaceName, (i: number, id: number) => void> = {
    ozon: (i, id) =>
      sandboxes.control('ozon', 'posting', {
        posting_number: `DEMO-${id}`,
        products: [{ offer_id: item(i), quantity: 1 }],
      }),
    wb: (i, id) => sandboxes.control('wb', 'order', { id: 900_000 + id, barcode: barcode(i) }),
    yandex: (i, id) =>
      sandboxes.control('yandex', 'order', { orderId: 700_000 + id, items: [{ offerId: item(i), count: 1 }] }),
    megamarket: (i, id) =>
      sandboxes.control('megamarket', 'shipment', { shipmentId: String(800_000 + id), items: [{ offerId: item(i) }] }),
    aliexpress: (i, id) => sandboxes.control('aliexpress', 'order', { id: 600_000 + id, codes: [item(i)] }),
    avito: (i, id) =>
      sandboxes.control('avito', 'order', { orderId: String(500_000 + id), items: [{ id: avitoItem(i) }] }),
  };

  const known = (market: unknown): market is MarketplaceName => MARKETS.includes(market as MarketplaceName);

  const placeOrder = (market: unknown) => {
    if (!known(market)) return { error: `нет площадки ${String(market)}` };
    const i = pickInStock(market);
    if (i === undefined) return { error: 'Нет товаров в наличии на этой площадке' };
    ORDER[market](i, orderNo++);
    return { order: { market, sku: sku(i) }, sync: scheduled() };
  };

  /** «Заказ комплекта»: one kit ordered through the marketplace's API; the run reserves its components. */
  const kitOrder = (market: unknown) => {
    if (!known(market)) return { error: `нет площадки ${String(market)}` };
    ORDER[market](KIT_INDEX, orderNo++);
    return { order: { market, sku: KIT_SKU }, sync: scheduled() };
  };

  /**
   * «Покупатель заказал»: a buyer orders one unit on the marketplace itself. It reserves the unit at
   * once (what it shows for sale drops) while the order reaches its API only later; the next run
   * sees the drop, holds it as «По остатку» and lowers the other channels; when the order arrives,
   * its «Заказ» reserve takes that one's place.
   */
  const buyerOrders = (market: unknown) => {
    if (!known(market)) return { error: `нет площадки ${String(market)}` };
    const i = pickInStock(market);
    if (i === undefined) return { error: 'Нет товаров в наличии на этой площадке' };
    // What the marketplace knows the item by: WB its barcode, Avito the listing, the others the SKU.
    const id = market === 'wb' ? barcode(i) : market === 'avito' ? avitoItem(i) : sku(i);
    sandboxes.control(market, 'buyer-order', { id, quantity: 1 });
    return { order: { market, sku: sku(i) }, sync: scheduled() };
  };

  /** Moves on every call that may change the sheet, the sidebar's state or a marketplace, and when an alert arrives. */
  let version = 0;

  /**
   * «Уведомления»: what MailApp's fake sent and the Telegram sandbox received, in the order they arrived,
   * each stamped with the sandbox clock (the spreadsheet's time) when the page's server first saw it.
   */
  const alertLog: AlertEntry[] = [];
  let mailsSeen = 0;
  let telegramSeen = 0;
  const collectAlerts = () => {
    const at = formatSellerDate(sandboxes.clock.now(), book.timeZone);
    const chats = sandboxes.telegram('messages') as { chat_id: string; text: string }[];
    for (const m of chats.slice(telegramSeen)) alertLog.push({ kind: 'telegram', at, to: m.chat_id, text: m.text });
    for (const m of gas.mail.sent.slice(mailsSeen))
      alertLog.push({ kind: 'email', at, to: m.to, subject: m.subject, text: m.body });
    if (chats.length !== telegramSeen || gas.mail.sent.length !== mailsSeen) version++;
    telegramSeen = chats.length;
    mailsSeen = gas.mail.sent.length;
  };
  // Around each e-mail, so that the log keeps the order of e-mails and Telegram messages within one run.
  const sendEmail = gas.mail.sendEmail.bind(gas.mail);
  gas.mail.sendEmail = (...args: Parameters<typeof sendEmail>) => {
    collectAlerts();
    sendEmail(...args);
    collectAlerts();
  };

  const changed = <T>(value: T): T => {
    collectAlerts();
    version++;
    return value;
  };

  /** The sheet as the seller sees it (times in the spreadsheet's zone), and which columns the add-on writes. */
  const sheetView = (name: string) => {
    const sheet = book.sheets.find((s) => s.name === name);
    if (!sheet) return undefined;
    const settings = gas.fn.getState().settings as Settings;
    const active = book.activeRange;
    return {
      name,
      values: sheet.display(),
      computed: name === STOCK_SHEET ? computedHeaders(settings) : [],
      selected: active && active.getSheet() === sheet ? active.row : null,
      sheets: book.sheets.filter((s) => !s.hidden).map((s) => s.name),
      // The sheet of the cell the add-on (or a click on the grid) selected last; a sheet a run inserts is not opened.
      active: active ? active.getSheet().name : null,
      version,
    };
  };

  /** A click on a row of the grid: the fake spreadsheet's selection, which previewSelection reads. */
  const select = (name: string, row: number, column: number) => {
    const sheet = book.sheet(name);
    if (!Number.isInteger(row) || row < 1 || row > sheet.maxRows) return { error: `нет строки ${row}` };
    book.withoutCounting(() => sheet.getRange(row, Math.max(1, Math.min(column, sheet.maxColumns))).activate());
    return { selected: row };
  };

  const json = (res: http.ServerResponse, value: unknown, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(value));
  };

  /**
   * The web app as Apps Script serves it: /exec runs doGet and answers 302 to a second address (there,
   * script.googleusercontent.com) that hands out the output once; an importer that does not follow redirects
   * gets no feed, as with Google.
   */
  const outputs = new Map<string, { content: string; type: string }>();
  const webAppAnswer = (url: URL, res: http.ServerResponse) => {
    if (url.pathname === WEB_APP_PATH) {
      const out = gas.fn.doGet({ parameter: Object.fromEntries(url.searchParams), queryString: url.search.slice(1) });
      const key = randomUUID();
      outputs.set(key, { content: out.getContent(), type: CONTENT_TYPES[out.getMimeType() as MimeTypeName] });
      // Kept few: each is read once, as a redirect target is.
      if (outputs.size > 20) outputs.delete(outputs.keys().next().value as string);
      res.writeHead(302, { location: `${USER_CONTENT_PATH}?user_content_key=${key}` }).end();
      return;
    }
    const out = outputs.get(url.searchParams.get('user_content_key') ?? '');
    if (!out) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Страница не найдена');
      return;
    }
    outputs.delete(url.searchParams.get('user_content_key') ?? '');
    res.writeHead(200, { 'content-type': `${out.type}; charset=utf-8` }).end(out.content);
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (req.method === 'GET' && url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/sidebar') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(sidebarPage(DIST));
        return;
      }
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      const rpc = /^\/rpc\/([A-Za-z0-9]+)$/.exec(url.pathname);
      if (req.method === 'POST' && rpc) {
        const answer = callBundle(gas, rpc[1], await readBody(req));
        // A read changes nothing: the page would only draw the sheet again under the seller's pointer.
        json(res, READ_ONLY.has(rpc[1]) ? answer : changed(answer));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/api/sheet') {
        const name = url.searchParams.get('name') ?? STOCK_SHEET;
        const view = sheetView(name);
        json(res, view ?? { error: `нет листа ${name}` }, view ? 200 : 404);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/api/changes') {
        // A message that arrived outside the page's calls (a test calling the bundle directly) moves it too.
        collectAlerts();
        json(res, { version });
        return;
      }
      if (req.method === 'GET' && url.pathname === '/api/alerts') {
        collectAlerts();
        json(res, { entries: [...alertLog].reverse(), version });
        return;
      }
      if (req.method === 'POST' && url.pathname === '/api/select') {
        const { sheet, row, column } = JSON.parse(await readBody(req));
        json(res, changed(select(String(sheet), Number(row), Number(column))));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/api/cell') {
        const { row, column, value } = JSON.parse(await readBody(req));
        const text = String(value).trim();
        book
          .sheet(STOCK_SHEET)
          .put(row, column, /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text);
        sandboxes.clock.advance(60_000);
        const sync = gas.fn.onEditInstalled({ range: { getSheet: () => ({ getName: () => STOCK_SHEET }) } });
        json(res, changed({ sync }));
        return;
      }
      if (req.method === 'GET' && (url.pathname === WEB_APP_PATH || url.pathname === USER_CONTENT_PATH)) {
        webAppAnswer(url, res);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/api/markets') {
        json(res, {
          rows: markets(),
          feeds: gas.fn.getState().feeds,
          at: formatSellerDate(sandboxes.clock.now(), book.timeZone),
          timeZone: book.timeZone,
          version,
        });
        return;
      }
      if (req.method === 'POST' && url.pathname === '/api/order') {
        json(res, changed(placeOrder(JSON.parse(await readBody(req)).market)));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/api/kit-order') {
        json(res, changed(kitOrder(JSON.parse(await readBody(req)).market)));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/api/buyer-order') {
        json(res, changed(buyerOrders(JSON.parse(await readBody(req)).market)));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/api/tick') {
        json(res, changed({ sync: scheduled() }));
        return;
      }
      res.writeHead(404).end();
    } catch (error) {
      json(res, { error: (error as Error).message }, 500);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  // ScriptApp.getService().getUrl() of the «deployed» web app: the panel shows the feed's URL on it.
  gas.scriptApp.webAppUrl = `http://127.0.0.1:${actual}${WEB_APP_PATH}`;
  return {
    url: `http://127.0.0.1:${actual}/`,
    gas,
    sandboxes,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandboxes.stop();
    },
  };
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 8080);
  startPlayground(port).then(
    (p) => {
      console.log(`«Остатки» — песочница: ${p.url}`);
      console.log('Меняйте числа в таблице, размещайте заказы — площадки справа меняются. Остановить: Ctrl+C.');
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
