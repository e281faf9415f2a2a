/** The use cases behind the entry points, wired to ports so tests can run them without Apps Script. */

import type { HttpClient, Timer } from '../connectors/http';
import { allocateSheet, type SheetResult } from '../core/allocation';
import { cellText } from '../core/cells';
import { DEFAULT_TIME_ZONE } from '../core/dates';
import { HEADERS, indexHeaders, RESERVES_SHEET, STOCK_SHEET } from '../core/headers';
import type { RunTrigger } from '../core/journal';
import { KITS_SHEET, readKits } from '../core/kits';
import type { ChannelPreview } from '../core/sending';
import {
  DEFAULT_SETTLE_MINUTES,
  defaultSettings,
  FORM_LABELS,
  type Settings,
  type SettingsError,
  validateSettings,
} from '../core/settings';
import { refusedColumns } from '../core/sheetColumns';
import { HELD_IMPORT_SHEET } from '../core/sources';
import { alertAfterRecalc } from './alertRuns';
import {
  type AlertCredentialsResponse,
  type AlertPorts,
  type AlertsView,
  alertsView,
  type MailPort,
  setAlertCredentials,
  type TestAlertsResult,
  testAlerts,
} from './alerts';
import { aliMappingJobs } from './aliexpress';
import { rememberFormerNames } from './channelNames';
import { type ConnectionState, connectionState, storeCredentials, validateCredentials } from './credentials';
import {
  type FeedState,
  feedAddOnErrors,
  feedStates,
  type NewTokenResult,
  newFeedToken,
  syncFeedTokens,
  type WebAppPort,
} from './feed';
import { checkConnection } from './keyCheck';
import { type KitsState, kitsState } from './kits';
import { type LongJob, type TestConnectionResult, wbMappingJobs } from './marketplaces';
import { ordersPulledAt } from './orders';
import { LANE_ADD_ON_REASON, type LaneResult, lanePaused, runOrdersLane } from './ordersLane';
import type { CachePort, Clock, KeyValueStore, LockPort, SourcePort, SpreadsheetPort, TriggerPort } from './ports';
import { lastRecalc, type RecalcSummary, readGrids, recalculateSheet } from './recalculate';
import { lastStop, type StoppedRun } from './runStop';
import {
  type ConfirmResult,
  confirmSettings,
  holdLoosenings,
  loadRunSettings,
  type PendingConfirmation,
  pendingConfirmation,
} from './settingsConfirmation';
import { loadSettings, parseSettings, storeSettings } from './settingsService';
import { stockSheetState } from './setup';
import { type HeldImportState, hasHeldImport, heldImportsState } from './sources';
import {
  continuationWay,
  type HeldPush,
  type HeldReview,
  hasCursor,
  heldPushes,
  lastTasks,
  previewWith,
  queuedSend,
  runSync,
  type SyncResult,
  type TaskRow,
} from './sync';
import {
  type ContinuationWay,
  installTriggers,
  removeTriggers,
  scheduleInstalled,
  type TriggersResult,
  type TriggerUser,
} from './triggers';
import { recordRunEnd, recordRunStart, type TriggerTimeState, triggerTimeState } from './triggerTime';

export interface AppDeps {
  sheets: () => SpreadsheetPort;
  /** Document properties: settings and state. */
  properties: KeyValueStore;
  /** The current user's properties: marketplace keys. */
  user: () => KeyValueStore;
  /** The current user's cache: marketplace tokens (Avito's). */
  cache: () => CachePort;
  http: () => HttpClient;
  timer: Timer;
  clock: Clock;
  lock: () => LockPort;
  triggers: () => TriggerPort;
  userEmail: () => string;
  sources: () => SourcePort;
  /** The web app: its URL and feed tokens (SPEC 5.8). */
  web: () => WebAppPort;
  /** MailApp, for the owner's low-stock digest. */
  mail: () => MailPort;
  /** Session.getEffectiveUser(): the owner in a trigger's run. */
  ownerEmail: () => string;
}

export interface State {
  settings: Settings;
  settingsStatus: 'saved' | 'none' | 'broken';
  settingsErrors: SettingsError[];
  lastRecalc: RecalcSummary | null;
  connections: ConnectionState[];
  /** Pushes the mass-zero guard holds, by channel id. */
  held: Record<string, HeldPush>;
  /** Safety-loosening settings saved by someone without keys, waiting for a key holder (SPEC 7). */
  pendingSettings: PendingConfirmation | null;
  /** An editor without keys asked to send; the owner's next run will. */
  queued: { by: string; at: string } | null;
  /** Newest first. */
  tasks: TaskRow[];
  /** While reserves are on: when each channel's orders were last pulled, by channel name. */
  ordersPulled: { channel: string; at: string }[];
  /** A run was cut by the time limit and continues by itself. */
  continues: boolean;
  /**
   * How it continues (SPEC 6): «trigger» in a minute (bound script); «owner» with the owner's next
   * scheduled run (an editor's run may not set a trigger); «hourly» with the add-on's next hourly run.
   */
  continuesBy: ContinuationWay | null;
  /** Jobs that take several runs (the WB mapping of a large catalogue), with their progress. */
  longJobs: LongJob[];
  /** The current user's time trigger for runScheduledSync exists. */
  scheduleOn: boolean;
  /** URL prefixes this build may fetch (csv and yml sources must match one). */
  fetchWhitelist: string[];
  /** Zeros an import held until «Подтвердить импорт», by warehouse id. */
  heldImports: Record<string, HeldImportState>;
  /** The owner's trigger time of the last 24 hours against the day's limit (SPEC 6). */
  triggerTime: TriggerTimeState;
  /** The spreadsheet's time zone: the sidebar shows and reads dates in it. */
  timeZone: string;
  /** Whether «Остатки» exists, and its header row: the first run offers to create it or to find its columns. */
  stockSheet: { exists: boolean; headers: string[] };
  /** An editor add-on install (not a script bound to the sheet): no orders lane, triggers at most hourly (SPEC 6). */
  addOn: boolean;
  /** Per marketplace, the minutes it takes to show a push unless `reserves.settleMinutes` says otherwise (SPEC 5.4). */
  settleDefaults: Partial<Record<Settings['channels'][number]['marketplace'], number>>;
  /** The last recalculation or run stopped (a missing column…), until a recalculation goes through again. */
  stopped: StoppedRun | null;
  /** Per manual channel with `feed: true`: its feed URL, or why there is none yet (SPEC 5.8). */
  feeds: FeedState[];
  /** «Комплекты» as the kits form shows it (SPEC 5.7): the first LISTED_KITS kits, and how many in all. */
  kits: KitsState;
  /** SKUs whose «К продаже» is below «Мин. остаток» at the last recalculation: how many, and the first ones. */
  lowStock: {
    count: number;
    items: { sku: string; row: number; forSale: number; min: number }[];
    /** Rows with a minimum at the last recalculation (absent: not known yet). */
    withMin?: number;
  };
  /** Low-stock alerts (SPEC 5.9): what is on, and whether the caller connected a Telegram bot (never its token). */
  alerts: AlertsView;
}

export type RecalculateResponse =
  | { ok: true; summary: RecalcSummary; preview: ChannelPreview[]; heldReview: HeldReview[] }
  | { ok: false; error: string };

export type SaveResponse =
  | { ok: true; recalculation: RecalculateResponse; pendingSettings: PendingConfirmation | null }
  | { ok: false; errors: SettingsError[] };

const NO_SETTINGS =
  'Настройки ещё не сохранены: откройте панель «Остатки», опишите склады и каналы и нажмите «Сохранить».';

export function getStateUseCase(deps: AppDeps): State {
  const all = deps.properties.getAll();
  const loaded = loadSettings(all, deps.clock);
  const settings = loaded.kind === 'saved' ? loaded.settings : defaultSettings(new Date(deps.clock.now()));
  const userAll = deps.user().getAll();
  return {
    settings,
    settingsStatus: loaded.kind,
    settingsErrors: loaded.kind === 'broken' ? loaded.errors : [],
    lastRecalc: lastRecalc(all),
    connections: settings.channels.map((c) => connectionState(c, userAll, all, deps.sheets().timeZone?.())),
    held: heldPushes(all),
    pendingSettings: pendingConfirmation(all, deps.clock, userAll, deps.userEmail()),
    queued: queuedSend(all),
    tasks: lastTasks(all),
    ordersPulled: settings.reserves.enabled ? ordersPulledAt(all, settings.channels) : [],
    continues: hasCursor(all),
    continuesBy: continuationWay(all),
    longJobs: [...wbMappingJobs(all, settings.channels), ...aliMappingJobs(all, settings.channels)],
    scheduleOn: scheduleInstalled(deps.triggers()),
    fetchWhitelist: [...deps.sources().whitelist],
    triggerTime: triggerTimeState(all, settings, deps.clock.now(), lanePaused(all)),
    heldImports: settings.warehouses.some((w) => w.source)
      ? heldImportsState(settings, deps.sheets().readSheet(HELD_IMPORT_SHEET))
      : {},
    timeZone: deps.sheets().timeZone?.() ?? DEFAULT_TIME_ZONE,
    stockSheet: stockSheetState(deps.sheets()),
    addOn: deps.triggers().isAddOn(),
    settleDefaults: { ...DEFAULT_SETTLE_MINUTES },
    stopped: lastStop(all),
    feeds: feedStates(settings, all, deps.web(), deps.triggers().isAddOn()),
    kits: kitsState(deps.sheets()),
    lowStock: lowStockState(lastRecalc(all)),
    alerts: alertsView(settings, userAll, all),
  };
}

function lowStockState(summary: RecalcSummary | null): State['lowStock'] {
  if (!summary) return { count: 0, items: [] };
  const items = (summary.lowStock ?? []).map(({ sku, row, forSale, min }) => ({ sku, row, forSale, min }));
  return {
    count: summary.lowStockCount ?? items.length,
    items,
    ...(typeof summary.minCount === 'number' ? { withMin: summary.minCount } : {}),
  };
}

function alertPorts(deps: AppDeps): AlertPorts {
  return { mail: deps.mail, ownerEmail: deps.ownerEmail, http: deps.http(), timer: deps.timer };
}

/** The owner's Telegram bot for low-stock alerts, checked with Telegram, in the caller's user properties; empty fields disconnect it. */
export function setAlertCredentialsUseCase(deps: AppDeps, input: unknown): AlertCredentialsResponse {
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  const settings = loaded.kind === 'saved' ? loaded.settings : defaultSettings(new Date(deps.clock.now()));
  return setAlertCredentials(settings, deps.user(), input, deps.http());
}

/** «Проверить уведомления»: a test by e-mail (if on) and by Telegram (if connected). */
export function testAlertsUseCase(deps: AppDeps): TestAlertsResult {
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  const settings = loaded.kind === 'saved' ? loaded.settings : defaultSettings(new Date(deps.clock.now()));
  return testAlerts(settings, deps.user(), alertPorts(deps), deps.timer.now() + 20_000);
}

function savedChannel(
  deps: AppDeps,
  channelId: unknown,
): { ok: true; settings: Settings; channel: Settings['channels'][number] } | { ok: false; error: string } {
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  if (loaded.kind !== 'saved') return { ok: false, error: NO_SETTINGS };
  const channel = loaded.settings.channels.find((c) => c.id === channelId);
  if (!channel)
    return {
      ok: false,
      error: `Канала с кодом «${String(channelId)}» нет в сохранённых настройках: сначала сохраните настройки`,
    };
  return { ok: true, settings: loaded.settings, channel };
}

export type CredentialsResponse = { ok: true; connection: ConnectionState } | { ok: false; error: string };

/** Keeps the keys in the caller's user properties; answers only with the connection state. */
export function setCredentialsUseCase(deps: AppDeps, channelId: unknown, input: unknown): CredentialsResponse {
  const found = savedChannel(deps, channelId);
  if (!found.ok) return found;
  const valid = validateCredentials(found.channel.marketplace, input);
  if (!valid.ok) return { ok: false, error: `${found.channel.name}: ${valid.error}` };
  const user = deps.user();
  storeCredentials(user, deps.properties, found.channel.id, valid.credentials, deps.clock.now());
  return {
    ok: true,
    connection: connectionState(found.channel, user.getAll(), deps.properties.getAll(), deps.sheets().timeZone?.()),
  };
}

/** `typed`: a key from the card's fields, checked before it is stored (keyCheck.ts); none: the stored key. */
export function testConnectionUseCase(deps: AppDeps, channelId: unknown, typed?: unknown): TestConnectionResult {
  const found = savedChannel(deps, channelId);
  if (!found.ok) return { ok: false, channelId: String(channelId), error: found.error };
  const market = {
    http: deps.http(),
    timer: deps.timer,
    sheets: deps.sheets(),
    properties: deps.properties,
    cache: deps.cache(),
  };
  return checkConnection({ market: { ...market, user: deps.user() }, now: deps.clock.now() }, found.channel, typed);
}

function recalculateWith(deps: AppDeps, settings: Settings): RecalculateResponse {
  const sheets = deps.sheets();
  const recalcDeps = { sheets, properties: deps.properties, clock: deps.clock };
  // Before the sheet is read: alerts yield to a run that stored the alert state after this (alertRuns.ts).
  const readAt = deps.clock.now();
  const grids = readGrids(recalcDeps, settings);
  const result = recalculateSheet(recalcDeps, settings, grids);
  if (!result.ok) return result;
  const alertCtx = { sheets, properties: deps.properties, user: deps.user(), userEmail: deps.userEmail() };
  alertAfterRecalc(
    { ...alertCtx, clock: deps.clock, ports: alertPorts(deps), lock: deps.lock(), task: 'Пересчёт', readAt },
    settings,
    result.allocation,
  );
  // The preview guards as a run would: with the safety settings a run uses while a loosening waits (SPEC 7).
  const run = loadRunSettings(deps.properties.getAll(), deps.clock);
  const runSettings = run.kind === 'saved' ? run.settings : settings;
  const { preview, heldReview } = previewWith(
    { sheets, clock: deps.clock, properties: deps.properties, lock: deps.lock() },
    runSettings,
    result.allocation,
    grids.stock,
    grids.kits,
  );
  return { ok: true, summary: result.summary, preview, heldReview };
}

/** «Пересчитать» before anything is saved: what is missing, and where in the panel it is done. */
function nothingToRecalculate(sheets: SpreadsheetPort): string {
  if (sheets.readRow(STOCK_SHEET, 1) === null)
    return `Пересчитывать пока нечего: нет листа «${STOCK_SHEET}» и не сохранены склады. Нажмите «Создать лист «${STOCK_SHEET}»» или «Найти столбцы на открытом листе» (вкладка «Сводка»), затем сохраните склады.`;
  return `Пересчитывать пока нечего: склады не сохранены. Отметьте найденные столбцы и нажмите «Сохранить найденное» (вкладка «Сводка») — или опишите склады на вкладке «Склады» и нажмите «Сохранить».`;
}

export function recalculateUseCase(deps: AppDeps): RecalculateResponse {
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  if (loaded.kind === 'none') return { ok: false, error: nothingToRecalculate(deps.sheets()) };
  if (loaded.kind === 'broken') {
    return {
      ok: false,
      error: `Сохранённые настройки содержат ошибки, исправьте их в панели: ${loaded.errors.map((e) => e.message).join('; ')}`,
    };
  }
  return recalculateWith(deps, loaded.settings);
}

export function saveSettingsUseCase(deps: AppDeps, input: unknown): SaveResponse {
  // A date typed as 25.11.2026 18:00 names a time in the spreadsheet's zone.
  const parsed = parseSettings(input, deps.clock, deps.sheets().timeZone?.());
  if (!parsed.ok) return parsed;
  // The lane needs a trigger every minute, which Google gives no add-on (SPEC 6).
  if (parsed.settings.schedule.ordersEveryMinutes && deps.triggers().isAddOn())
    return {
      ok: false,
      errors: [{ path: 'schedule.ordersEveryMinutes', message: `${FORM_LABELS.ordersLane}: ${LANE_ADD_ON_REASON}` }],
    };
  // A published add-on's web app has no document to read a feed from (SPEC 5.8).
  const feedErrors = deps.triggers().isAddOn() ? feedAddOnErrors(parsed.settings) : [];
  if (feedErrors.length) return { ok: false, errors: feedErrors };
  // A column just typed that «Остатки» lacks would stop every run: refused at its field (sheetColumns.ts).
  const stored = loadSettings(deps.properties.getAll(), deps.clock);
  const missing = refusedColumns(
    parsed.settings,
    stored.kind === 'saved' ? stored.settings : null,
    deps.sheets().readRow(STOCK_SHEET, 1),
  );
  if (missing.length) return { ok: false, errors: missing };
  // What loosens safety is held back first, so that no run ever sees it unconfirmed.
  holdLoosenings(confirmationDeps(deps), parsed.settings);
  const before = loadSettings(deps.properties.getAll(), deps.clock);
  const saved = storeSettings(deps.properties, parsed.settings, deps.clock);
  if (!saved.ok) return saved;
  syncFeedTokens(deps.properties, saved.settings, deps.web());
  // «Резервы» rows name channels: a renamed one must keep the rows that say its old name.
  rememberFormerNames(deps.properties, before.kind === 'saved' ? before.settings : undefined, saved.settings);
  // A changed schedule takes effect at once where the schedule is on.
  const triggers = deps.triggers();
  if (scheduleInstalled(triggers)) installTriggers(triggers, saved.settings, triggerUser(deps));
  const pendingSettings = pendingConfirmation(
    deps.properties.getAll(),
    deps.clock,
    deps.user().getAll(),
    deps.userEmail(),
  );
  return { ok: true, recalculation: recalculateWith(deps, saved.settings), pendingSettings };
}

function confirmationDeps(deps: AppDeps) {
  return { properties: deps.properties, user: deps.user(), clock: deps.clock, userEmail: deps.userEmail() };
}

/** «Подтвердить» of settings another user saved: they apply from the next run on. */
export function confirmSettingsUseCase(deps: AppDeps): ConfirmResult {
  return confirmSettings(confirmationDeps(deps));
}

function syncDeps(deps: AppDeps) {
  return {
    sheets: deps.sheets(),
    properties: deps.properties,
    user: deps.user(),
    cache: deps.cache(),
    http: deps.http(),
    timer: deps.timer,
    clock: deps.clock,
    lock: deps.lock(),
    triggers: deps.triggers(),
    userEmail: deps.userEmail(),
    sources: deps.sources(),
    alerts: alertPorts(deps),
  };
}

export function sendStocksUseCase(deps: AppDeps, trigger: RunTrigger): SyncResult {
  return runSync(syncDeps(deps), { task: 'Отправка остатков', trigger, mode: 'all' });
}

export function syncUseCase(deps: AppDeps, trigger: RunTrigger): SyncResult {
  return runSync(syncDeps(deps), {
    task: trigger === 'Правка' ? 'Отправка после правки' : 'Синхронизация',
    trigger,
    mode: 'diff',
  });
}

/** The orders lane's minute (SPEC 6); the caller counts its trigger time. */
export function ordersLaneUseCase(deps: AppDeps, docAll: Record<string, string>): LaneResult {
  // A quiet minute makes no Spreadsheet call at all, not even for the spreadsheet itself.
  return runOrdersLane(syncDeps({ ...deps, sheets: () => lazySheets(deps.sheets) }), docAll);
}

/** The spreadsheet port, opened at its first use. */
function lazySheets(open: () => SpreadsheetPort): SpreadsheetPort {
  let port: SpreadsheetPort | undefined;
  const sheets = () => {
    port ??= open();
    return port;
  };
  return {
    readSheet: (name) => sheets().readSheet(name),
    readRow: (name, row) => sheets().readRow(name, row),
    writeColumns: (name, blocks, width) => sheets().writeColumns(name, blocks, width),
    createSheet: (name, headers, rows) => sheets().createSheet(name, headers, rows),
    replaceSheet: (name, values, hidden) => sheets().replaceSheet(name, values, hidden),
    appendRows: (name, header, rows, keep) => sheets().appendRows(name, header, rows, keep),
    date: (ms) => sheets().date(ms),
    formulaCells: (name, cells) => sheets().formulaCells?.(name, cells) ?? [],
    setCells: (name, cells) => sheets().setCells(name, cells),
    selection: () => sheets().selection(),
    select: (name, row, column) => sheets().select(name, row, column),
    timeZone: () => sheets().timeZone?.() ?? DEFAULT_TIME_ZONE,
    readTop: (name, rows) => sheets().readTop?.(name, rows) ?? sheets().readSheet(name)?.slice(0, rows) ?? null,
    activeSheetName: () => sheets().activeSheetName?.() ?? null,
    renameSheet: (from, to) => {
      const port = sheets();
      if (!port.renameSheet) throw new Error('renameSheet: this spreadsheet port cannot rename sheets');
      port.renameSheet(from, to);
    },
  };
}

/** A trigger's run, counted in the day's trigger time from its entry to its end (SPEC 6). */
export function countedTriggerRun<T>(deps: AppDeps, body: (docAll: Record<string, string>) => T): T {
  const all = deps.properties.getAll();
  const token = recordRunStart(deps.properties, deps.clock.now(), all);
  try {
    return body(all);
  } finally {
    recordRunEnd(deps.properties, token, deps.clock.now());
  }
}

export function continueUseCase(deps: AppDeps): SyncResult {
  return runSync(syncDeps(deps), {
    task: 'Продолжение отправки',
    trigger: 'Расписание',
    mode: 'diff',
    continuation: true,
  });
}

export function confirmHeldUseCase(deps: AppDeps, channelId: unknown): SyncResult {
  const held = heldPushes(deps.properties.getAll());
  if (typeof channelId !== 'string' || !held[channelId]) {
    return {
      ok: false,
      status: 'stopped',
      message: 'Для этого канала нет задержанной отправки',
      channels: [],
      queued: false,
    };
  }
  return runSync(syncDeps(deps), {
    task: 'Подтверждение отправки',
    trigger: 'Кнопка',
    mode: 'diff',
    confirmChannel: channelId,
  });
}

/** «Подтвердить импорт»: the zeros a source's import held go into its warehouse, and what changed is sent. */
export function confirmImportUseCase(deps: AppDeps, warehouseId: unknown): SyncResult {
  if (typeof warehouseId !== 'string' || !hasHeldImport(deps.sheets().readSheet(HELD_IMPORT_SHEET), warehouseId)) {
    return {
      ok: false,
      status: 'stopped',
      message: 'Для этого склада нет задержанного импорта',
      channels: [],
      queued: false,
    };
  }
  return runSync(syncDeps(deps), {
    task: 'Подтверждение импорта',
    trigger: 'Кнопка',
    mode: 'diff',
    confirmImport: warehouseId,
  });
}

export type SaveAndSendResponse = SaveResponse & { send?: SyncResult };

export function saveAndSendUseCase(deps: AppDeps, input: unknown): SaveAndSendResponse {
  const saved = saveSettingsUseCase(deps, input);
  if (!saved.ok) return saved;
  return { ...saved, send: sendStocksUseCase(deps, 'Кнопка') };
}

export function installTriggersUseCase(deps: AppDeps): TriggersResult {
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  if (loaded.kind !== 'saved') return { ok: false, everyMinutes: null, message: NO_SETTINGS };
  return installTriggers(deps.triggers(), loaded.settings, triggerUser(deps));
}

/** Whoever installs the triggers becomes the owner whose runs may set continuations (SPEC 6). */
function triggerUser(deps: AppDeps): TriggerUser {
  return { store: deps.properties, email: deps.userEmail(), at: deps.clock.now() };
}

export type SelectionPreview =
  | {
      ok: true;
      row: number;
      sku: string;
      valid: boolean;
      forSale: number;
      channels: { id: string; name: string; quantity: number | null }[];
    }
  | { ok: false; error: string };

/** The rule preview on the row selected in the sheet, computed with unsaved settings. */
export function previewSelectionUseCase(deps: AppDeps, draft: unknown): SelectionPreview {
  const valid = validateSettings(draft, new Date(deps.clock.now()));
  if (!valid.ok) return { ok: false, error: `Настройки пока с ошибками: ${valid.errors[0].message}` };
  const sheets = deps.sheets();
  const selected = sheets.selection();
  if (!selected || selected.sheet !== STOCK_SHEET || selected.row < 2)
    return { ok: false, error: 'Выделите строку товара на листе «Остатки», и здесь появится расчёт для неё.' };
  // Two small reads — the headers and the selected row — not the whole sheet.
  const header = sheets.readRow(STOCK_SHEET, 1) ?? [];
  const line = sheets.readRow(STOCK_SHEET, selected.row) ?? [];
  if (!line.length) return { ok: false, error: 'В выделенной строке нет товара.' };
  const allocation = selectedRowAllocation(sheets, valid.settings, [header, line], selected.row, deps.clock.now());
  if (!allocation.ok) return { ok: false, error: allocation.error };
  const row = allocation.rows[0];
  if (!row) return { ok: false, error: 'В выделенной строке нет артикула.' };
  return {
    ok: true,
    row: selected.row,
    sku: row.sku,
    valid: row.valid,
    forSale: row.forSale,
    channels: valid.settings.channels.map((c, i) => ({ id: c.id, name: c.name, quantity: row.quantities[i] })),
  };
}

/**
 * The selected row alone, with the reserves and the zone a recalculation counts, so the preview says what
 * «Пересчитать» would write; a kit's numbers come from its components' rows (SPEC 5.7), so for a kit the
 * whole «Остатки» is read and its own row taken.
 */
function selectedRowAllocation(
  sheets: SpreadsheetPort,
  settings: Settings,
  [header, line]: unknown[][],
  row: number,
  now: number,
): SheetResult {
  const kits = sheets.readSheet(KITS_SHEET);
  const reserves = sheets.readSheet(RESERVES_SHEET);
  const zone = sheets.timeZone?.();
  const read = readKits(kits);
  const sku = cellText(line[indexHeaders(header).find(HEADERS.sku) ?? -1]);
  if (!read.ok || !read.book?.kits.has(sku)) return allocateSheet(settings, [header, line], reserves, now, zone, kits);
  const all = allocateSheet(settings, sheets.readSheet(STOCK_SHEET) ?? [header, line], reserves, now, zone, kits);
  return all.ok ? { ...all, rows: all.rows.filter((r) => r.row === row) } : all;
}

/** «Перейти к ячейке» from the list of problems. */
export function goToCellUseCase(
  deps: AppDeps,
  sheetName: unknown,
  row: unknown,
  column: unknown,
): { ok: boolean; error?: string } {
  if (typeof sheetName !== 'string' || !Number.isInteger(row) || (row as number) < 1)
    return { ok: false, error: 'Не понял, какую ячейку показать' };
  const sheets = deps.sheets();
  const header = sheets.readRow(sheetName, 1);
  if (!header) return { ok: false, error: `Листа «${sheetName}» нет` };
  const index = typeof column === 'string' ? indexHeaders(header).find(column) : undefined;
  sheets.select(sheetName, row as number, (index ?? 0) + 1);
  return { ok: true };
}

/** «Новая ссылка» of a feed channel: a new token, the old URL stops working. */
export function newFeedTokenUseCase(deps: AppDeps, channelId: unknown): NewTokenResult {
  return newFeedToken(
    { properties: deps.properties, clock: deps.clock, web: deps.web(), addOn: deps.triggers().isAddOn() },
    channelId,
  );
}

export function removeTriggersUseCase(deps: AppDeps): TriggersResult {
  return removeTriggers(deps.triggers(), triggerUser(deps));
}

export function recalcMessage(result: RecalculateResponse): string {
  if (!result.ok) return result.error;
  const s = result.summary;
  const invalid = s.invalidCount
    ? `, с ошибками: ${s.invalidCount} — они не отправляются, пока не исправлены (список — в панели)`
    : ', ошибок нет';
  return `Пересчитано артикулов: ${s.skuCount}${invalid}.`;
}
