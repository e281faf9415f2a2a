/**
 * What the steps of one sending run (SPEC 6) share: who asked, the settings it runs with, its time
 * budget and the journal rows it has written so far. The shapes a run leaves in document
 * properties for the sidebar and for its continuation live here too.
 */
import type { HttpClient, Timer } from '../connectors/http';
import {
  JOURNAL_HEADER,
  JOURNAL_KEEP,
  JOURNAL_SHEET,
  type JournalRow,
  type JournalStatus,
  journalValues,
  type RunTrigger,
} from '../core/journal';
import { withoutSecrets } from '../core/secrets';
import type { SendMode } from '../core/sending';
import type { Channel, Settings } from '../core/settings';
import type { AlertPorts } from './alerts';
import { storedSecrets } from './credentials';
import type { CachePort, Clock, KeyValueStore, LockPort, SourcePort, SpreadsheetPort, TriggerPort } from './ports';

export interface SyncDeps {
  sheets: SpreadsheetPort;
  properties: KeyValueStore;
  user: KeyValueStore;
  /** The user's cache (marketplace tokens). */
  cache: CachePort;
  http: HttpClient;
  timer: Timer;
  clock: Clock;
  lock: LockPort;
  triggers: TriggerPort;
  userEmail: string;
  sources: SourcePort;
  /** Mail and the owner's address for low-stock alerts (SPEC 5.9); absent: no alerts from this run. */
  alerts?: AlertPorts;
}

export interface SyncRequest {
  task: string;
  trigger: RunTrigger;
  mode: SendMode;
  /** «Подтвердить отправку»: send this channel's held push. */
  confirmChannel?: string;
  /** «Подтвердить импорт»: apply the zeros this warehouse's last import held, then send what changed. */
  confirmImport?: string;
  continuation?: boolean;
}

/**
 * The sidebar's summary of one channel's held zeros (every held id is in the hidden sheet «_Задержано»):
 * since when, how many of how many items above 0, the first few ids, and the signature of the whole set.
 */
export interface HeldPush {
  at: string;
  count: number;
  base: number;
  toZero: string[];
  sig?: string;
  /**
   * Held because «_Отправлено» was lost and the marketplace cannot be read (MegaMarket): every zero of an
   * id without a record stays held, however few, until «Подтвердить отправку».
   */
  unrecorded?: boolean;
  /** How many were held when the hold began, when «Пересчитать» or «Сохранить» has since made them fewer. */
  was?: number;
}
/** A send an editor without keys asked for, left for the owner's next run. */
export interface QueuedSend {
  by: string;
  at: string;
}
export interface Cursor {
  task: string;
  trigger: RunTrigger;
  mode: SendMode;
  startedAt: string;
  remaining: Record<string, Record<string, number> | null>;
  /** How it continues: by a one-off trigger, the owner's next scheduled run, or the add-on's hourly run. */
  resumes?: 'trigger' | 'owner' | 'hourly';
}
export interface TaskRow {
  at: string;
  task: string;
  trigger: RunTrigger;
  channel: string;
  status: JournalStatus;
  items: number;
  accepted: number;
  errors: number;
  details: string;
  /** The row of a run that stopped before any push: no word on the marketplace or the key. */
  stopped?: boolean;
}

export interface SyncResult {
  ok: boolean;
  status: 'done' | 'skipped' | 'stopped' | 'continues';
  message: string;
  channels: TaskRow[];
  queued: boolean;
}

/** One run, from the lock to the journal. */
export interface SyncRun {
  deps: SyncDeps;
  request: SyncRequest;
  settings: Settings;
  /** The channels a push may go to (not «manual»). */
  sending: Channel[];
  /** No request starts after this moment (timer's clock). */
  deadline: number;
  /** Journal rows of this run, written to «Журнал» once, when the run ends. */
  rows: RunRow[];
  /** An extra pass for a request left while the lock was held: journaled only if it did something. */
  quiet?: boolean;
}

/** A row of this run; a repeat of a state already journaled («Отправка выключена», the same held items) is not written again. */
export interface RunRow extends JournalRow {
  repeat?: boolean;
  /** Journaled by a run that stopped before any push (runStop.ts): nothing reached the marketplace. */
  stopped?: boolean;
}

/** The keys of the user a run sends as, read once per run: no journal row may repeat them (SPEC 7). */
const runSecrets = new WeakMap<SyncRun, string[]>();

function secretsOf(run: SyncRun): string[] {
  let secrets = runSecrets.get(run);
  if (!secrets) {
    secrets = storedSecrets(run.deps.user.getAll());
    runSecrets.set(run, secrets);
  }
  return secrets;
}

/** Adds one journal row of this run (one per channel, warehouse or order event) and returns it. */
export function journal(
  run: SyncRun,
  channel: string,
  status: JournalStatus,
  items: number,
  accepted: number,
  errors: number,
  details: string,
): RunRow {
  const row: RunRow = {
    at: run.deps.clock.now(),
    task: run.request.task,
    trigger: run.request.trigger,
    user: run.deps.userEmail,
    channel,
    items,
    accepted,
    errors,
    status,
    // Marketplace answers may echo the request, key and all: the row keeps «…» in its place.
    details: withoutSecrets(details, secretsOf(run)),
  };
  run.rows.push(row);
  return row;
}

/** Appends rows to «Журнал», which keeps its newest JOURNAL_KEEP rows. */
export function appendJournal(sheets: SpreadsheetPort, rows: JournalRow[]): void {
  sheets.appendRows(
    JOURNAL_SHEET,
    JOURNAL_HEADER,
    rows.map((r) => journalValues(r, sheets.date)),
    JOURNAL_KEEP,
  );
}
