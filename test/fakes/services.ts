/**
 * Fakes of PropertiesService, the Ui, HtmlService and ScriptApp, with the documented limits:
 * a property value holds at most 9 KB, a store at most 500 KB, values are stored as strings.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class FakeProperties {
  data = new Map<string, string>();
  reads = 0;
  writes = 0;

  private check(next: Map<string, string>): void {
    for (const [key, value] of next) {
      if (bytes(value) > PROPERTY_VALUE_LIMIT) throw new Error('Exception: Argument too large: value');
      if (bytes(key) > PROPERTY_VALUE_LIMIT) throw new Error('Exception: Argument too large: key');
    }
    let total = 0;
    for (const [key, value] of next) total += bytes(key) + bytes(value);
    if (total > PROPERTY_STORE_LIMIT)
      throw new Error(
        'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
      );
  }

  getProperty(key: string): string | null {
    this.reads++;
    return this.data.get(String(key)) ?? null;
  }
  getProperties(): Record<string, string> {
    this.reads++;
    return Object.fromEntries(this.data);
  }
  getKeys(): string[] {
    this.reads++;
    return [...this.data.keys()];
  }

  setProperty(key: string, value: unknown): FakeProperties {
    return this.setProperties({ [key]: value });
  }

  setProperties(values: Record<string, unknown>, deleteAllOthers = false): FakeProperties {
    this.writes++;
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.data);
    // The store keeps strings: everything else is converted as String() would.
    for (const [k, v] of Object.entries(values)) next.set(k, String(v));
    this.check(next);
    this.data = next;
    return this;
  }

  deleteProperty(key: string): FakeProperties {
    this.writes++;
    this.data.delete(key);
    return this;
  }
  deleteAllProperties(): FakeProperties {
    this.writes++;
    this.data.clear();
    return this;
  }
}

export class FakePropertiesService {
  document = new FakeProperties();
  script = new FakeProperties();
  /** One store per user: the fake's current user picks which one getUserProperties returns. */
  users = new Map<string, FakeProperties>();
  currentUser = 'owner@example.com';

  getDocumentProperties() {
    return this.document;
  }
  getScriptProperties() {
    return this.script;
  }
  getUserProperties() {
    let store = this.users.get(this.currentUser);
    if (!store) {
      store = new FakeProperties();
      this.users.set(this.currentUser, store);
    }
    return store;
  }
}

export interface MenuRecord {
  title: string | null;
  addon: boolean;
  items: { caption: string; functionName: string }[];
}

export class FakeMenu {
  readonly record: MenuRecord;
  constructor(
    private readonly ui: FakeUi,
    title: string | null,
    addon: boolean,
  ) {
    this.record = { title, addon, items: [] };
  }
  addItem(caption: string, functionName: string): FakeMenu {
    if (typeof functionName !== 'string' || functionName === '')
      throw new Error('Exception: Invalid argument: functionName');
    this.record.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): FakeMenu {
    return this;
  }
  addToUi(): void {
    this.ui.menus.push(this.record);
  }
}

export class FakeHtmlOutput {
  title = '';
  constructor(readonly content: string) {}
  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this;
  }
  getContent(): string {
    return this.content;
  }
}

export class FakeUi {
  menus: MenuRecord[] = [];
  sidebars: FakeHtmlOutput[] = [];
  createMenu(title: string) {
    return new FakeMenu(this, title, false);
  }
  createAddonMenu() {
    return new FakeMenu(this, null, true);
  }
  showSidebar(html: FakeHtmlOutput) {
    this.sidebars.push(html);
  }
}

/** HtmlService reads project files: here, the files of dist/ that clasp would push. */
export function fakeHtmlService(projectDir: string) {
  return {
    createHtmlOutputFromFile(name: string) {
      const file = path.join(projectDir, `${name}.html`);
      if (!fs.existsSync(file)) throw new Error(`Exception: No HTML file named ${name} was found.`);
      return new FakeHtmlOutput(fs.readFileSync(file, 'utf8'));
    },
  };
}

export interface FakeTrigger {
  id: string;
  handler: string;
  type: 'CLOCK' | 'ON_EDIT';
  everyMinutes?: number;
  everyHours?: number;
  afterMs?: number;
  owner: string;
}

/**
 * ScriptApp with installable triggers as documented: per user and script, at most 20; clock
 * triggers every 1, 5, 10, 15 or 30 minutes or 1, 2, 4, 6, 8, 12 hours; an add-on at most hourly,
 * and only one time-driven trigger (recurring or one-off) per user and document.
 */
export class FakeScriptApp {
  readonly InstallationSource = {
    APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON',
    NONE: 'NONE',
    WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON',
  };
  readonly EventType = {
    CLOCK: 'CLOCK',
    ON_EDIT: 'ON_EDIT',
    ON_OPEN: 'ON_OPEN',
    ON_CHANGE: 'ON_CHANGE',
    ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  };
  triggers: FakeTrigger[] = [];
  private next = 1;
  /** The web app's /exec URL once deployed; null (as getUrl answers) until then. */
  webAppUrl: string | null = null;

  constructor(
    private readonly installation: 'NONE' | 'WEB_STORE_ADD_ON',
    private readonly currentUser: () => string,
  ) {}

  /** ScriptApp.getService(): the script as a web app; getUrl() is null until it is deployed as one. */
  getService() {
    return { getUrl: () => this.webAppUrl, isEnabled: () => this.webAppUrl !== null };
  }

  getInstallationSource() {
    return this.InstallationSource[this.installation];
  }

  getProjectTriggers() {
    return this.triggers
      .filter((t) => t.owner === this.currentUser())
      .map((t) => ({
        getUniqueId: () => t.id,
        getHandlerFunction: () => t.handler,
        getEventType: () => t.type,
      }));
  }

  deleteTrigger(trigger: { getUniqueId(): string }) {
    this.triggers = this.triggers.filter((t) => t.id !== trigger.getUniqueId());
  }

  private add(t: Omit<FakeTrigger, 'id' | 'owner'>) {
    const own = this.triggers.filter((x) => x.owner === this.currentUser());
    // An add-on may have one trigger of each type per user and document (editor-triggers guide).
    if (this.installation !== 'NONE' && t.type === 'CLOCK' && own.some((x) => x.type === 'CLOCK'))
      throw new Error(
        'Exception: This add-on has created too many time-based triggers in this document for this Google user account. Try deleting some.',
      );
    if (own.length >= 20) {
      throw new Error(
        'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    this.triggers.push({ ...t, id: String(this.next++), owner: this.currentUser() });
  }

  newTrigger(handler: string) {
    const app = this;
    return {
      timeBased() {
        const spec: Omit<FakeTrigger, 'id' | 'owner'> = { handler, type: 'CLOCK' };
        const builder = {
          everyMinutes(n: number) {
            if (![1, 5, 10, 15, 30].includes(n))
              throw new Error('Exception: The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
            if (app.installation !== 'NONE')
              throw new Error('Exception: Add-ons can use time-driven triggers at most once per hour.');
            spec.everyMinutes = n;
            return builder;
          },
          everyHours(n: number) {
            if (![1, 2, 4, 6, 8, 12].includes(n))
              throw new Error('Exception: The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.');
            spec.everyHours = n;
            return builder;
          },
          after(ms: number) {
            spec.afterMs = ms;
            return builder;
          },
          create() {
            if (spec.everyMinutes === undefined && spec.everyHours === undefined && spec.afterMs === undefined)
              throw new Error('Exception: The trigger has no schedule.');
            app.add(spec);
            return {};
          },
        };
        return builder;
      },
      forSpreadsheet(_ss: unknown) {
        return {
          onEdit: () => ({
            create: () => {
              app.add({ handler, type: 'ON_EDIT' });
              return {};
            },
          }),
        };
      },
    };
  }
}

/** A clock the lock can wait on: the sandboxes' simulated time, or real time without them. */
export interface LockClock {
  now(): number;
  /** Waiting moves simulated time (real time cannot be moved: then a wait just returns). */
  advance(ms: number): void;
}

const REAL_TIME: LockClock = { now: () => Date.now(), advance: () => {} };

/**
 * The document lock as LockService documents it: one holder per document; each getDocumentLock()
 * is this execution's own lock object (hasLock and releaseLock concern only it); tryLock(ms) and
 * waitLock(ms) wait up to ms for the holder to let go — the wait costs that much time on the
 * clock — and then give up (waitLock throws). Another execution is stood for by `holdElsewhere`.
 */
export class FakeLockService {
  /** Another execution holds the lock until this moment (Infinity: until `heldElsewhere = false`). */
  private elsewhereUntil = Number.NEGATIVE_INFINITY;
  private holder: object | null = null;
  acquired = 0;
  /** Milliseconds executions spent waiting for the lock. */
  waited = 0;

  constructor(private readonly clock: LockClock = REAL_TIME) {}

  /** Another execution takes the lock for `ms` (Infinity: until released by `heldElsewhere = false`). */
  holdElsewhere(ms: number): void {
    this.elsewhereUntil = this.clock.now() + ms;
  }
  set heldElsewhere(held: boolean) {
    this.elsewhereUntil = held ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  get heldElsewhere(): boolean {
    return this.elsewhereUntil > this.clock.now();
  }

  getDocumentLock() {
    const self = {};
    const acquire = (ms: number): boolean => {
      if (this.holder === self) return true;
      // Another of our own lock objects holds it: a concurrent execution that is still running.
      const freeAt = this.holder
        ? Number.POSITIVE_INFINITY
        : this.heldElsewhere
          ? this.elsewhereUntil
          : this.clock.now();
      const wait = Math.max(0, freeAt - this.clock.now());
      if (wait > Math.max(0, ms)) {
        this.pass(Math.max(0, ms));
        return false;
      }
      this.pass(wait);
      this.holder = self;
      this.acquired++;
      return true;
    };
    return {
      tryLock: (ms: number) => acquire(ms),
      waitLock: (ms: number) => {
        if (!acquire(ms))
          throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
      },
      hasLock: () => this.holder === self,
      releaseLock: () => {
        if (this.holder === self) this.holder = null;
      },
    };
  }

  private pass(ms: number): void {
    this.waited += ms;
    this.clock.advance(ms);
  }

  /** One of this realm's executions holds the lock now. */
  get locked() {
    return this.holder !== null;
  }
}
