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
 * triggers every 1, 5, 10, 15 or 30 minutes or 1, 2, 4, 6, 8, 12 hours; an add-on at most hourly.
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

  constructor(
    private readonly installation: 'NONE' | 'WEB_STORE_ADD_ON',
    private readonly currentUser: () => string,
  ) {}

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
    if (this.triggers.filter((x) => x.owner === this.currentUser()).length >= 20) {
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

/** The document lock: `heldElsewhere` stands for another execution holding it. */
export class FakeLockService {
  heldElsewhere = false;
  private mine = false;
  acquired = 0;
  getDocumentLock() {
    return {
      tryLock: (_ms: number) => {
        if (this.heldElsewhere || this.mine) return false;
        this.mine = true;
        this.acquired++;
        return true;
      },
      hasLock: () => this.mine,
      releaseLock: () => {
        this.mine = false;
      },
    };
  }
  get locked() {
    return this.mine;
  }
}
