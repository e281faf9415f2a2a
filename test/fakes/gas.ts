/**
 * Loads dist/Code.js the way Apps Script does (one global scope, via gas-local) with the fakes as
 * its services. Only what Apps Script provides is there: no require, process, setTimeout or fetch.
 */
import * as path from 'node:path';
import * as vm from 'node:vm';

// gas-local ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const gas = require('gas-local') as { require(folder: string, globals: object): Record<string, unknown> };

import * as fs from 'node:fs';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { FakeCacheService } from './cache';
import { fakeContentService } from './content';
import { FakeGmailApp } from './gmail';
import { FakeMailApp } from './mail';
import { FakeLockService, FakePropertiesService, FakeScriptApp, FakeUi, fakeHtmlService } from './services';
import { FakeSpreadsheet } from './spreadsheet';
import { FakeUrlFetchApp, fakeUtilities } from './urlFetch';
import { fakeXmlService } from './xmlService';

export const DIST = path.resolve(__dirname, '../../dist');

export interface Gas {
  book: FakeSpreadsheet;
  properties: FakePropertiesService;
  ui: FakeUi;
  logs: unknown[][];
  /** The bundle's top-level functions (SPEC 8). */
  fn: Record<string, (...args: unknown[]) => any>;
  /** Evaluates code in the bundle's realm (e.g. to make a Date as Apps Script would). */
  evaluate(code: string): unknown;
  /** Sets the bundle's clock; undefined = real time. */
  setNow(iso: string | undefined): void;
  /** Present when loaded with sandboxes. */
  urlFetch?: FakeUrlFetchApp;
  scriptApp: FakeScriptApp;
  lock: FakeLockService;
  cache: FakeCacheService;
  mail: FakeMailApp;
}

export interface BundleOptions {
  book?: FakeSpreadsheet;
  properties?: FakePropertiesService;
  installation?: 'NONE' | 'WEB_STORE_ADD_ON';
  sandboxes?: Sandboxes;
  scriptApp?: FakeScriptApp;
  lock?: FakeLockService;
  /** The build to load (default dist/; tests of sources load a variant built with extra hosts). */
  dist?: string;
  /** Other spreadsheets SpreadsheetApp.openByUrl can open, by URL. */
  otherBooks?: Record<string, FakeSpreadsheet>;
  gmail?: FakeGmailApp;
  cache?: FakeCacheService;
  mail?: FakeMailApp;
}

/**
 * The bundle's one global scope: an ordinary global object (vm.constants.DONT_CONTEXTIFY) with the
 * built-ins and the services given, nothing of Node's. A contextified sandbox object would hold the
 * same, but Node then intercepts every global lookup, even of Math or Object (nodejs/node#31658):
 * a 50,000-row recalculation spent most of its time there, a cost Apps Script does not have.
 * A Node without the constant gets the sandbox object.
 */
function bundleGlobal(globals: object): vm.Context {
  const vanilla = (vm.constants as Partial<typeof vm.constants> | undefined)?.DONT_CONTEXTIFY;
  if (vanilla === undefined) return vm.createContext(globals);
  return Object.assign(vm.createContext(vanilla), globals);
}

export function loadBundle(options: BundleOptions = {}): Gas {
  const dist = options.dist ?? DIST;
  const book = options.book ?? new FakeSpreadsheet();
  const properties = options.properties ?? new FakePropertiesService();
  const scriptApp =
    options.scriptApp ?? new FakeScriptApp(options.installation ?? 'NONE', () => properties.currentUser);
  // With sandboxes, waiting for the lock passes simulated time, as every other wait of the bundle does.
  const lock =
    options.lock ??
    new FakeLockService(
      options.sandboxes
        ? { now: () => options.sandboxes!.clock.now(), advance: (ms) => options.sandboxes!.clock.advance(ms) }
        : undefined,
    );
  const ui = new FakeUi();
  // Entries expire in the bundle's time: the sandboxes' simulated clock when there are sandboxes.
  const cache =
    options.cache ??
    new FakeCacheService(
      () => properties.currentUser,
      options.sandboxes ? () => options.sandboxes!.clock.now() : Date.now,
    );
  const logs: unknown[][] = [];
  const log = (...args: unknown[]) => {
    logs.push(args);
  };
  const otherBooks = options.otherBooks ?? {};
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'appsscript.json'), 'utf8'));
  const whitelist = manifest.urlFetchWhitelist;
  const mail = options.mail ?? new FakeMailApp(100, manifest.oauthScopes);
  const globals = {
    console: { log, info: log, warn: log, error: log },
    Logger: { log },
    SpreadsheetApp: {
      getActiveSpreadsheet: () => book,
      getActive: () => book,
      getUi: () => ui,
      openByUrl: (url: string) => {
        const other = otherBooks[url];
        if (!other) throw new Error('Exception: You do not have permission to access the requested document.');
        return other;
      },
    },
    XmlService: fakeXmlService,
    GmailApp: options.gmail ?? new FakeGmailApp(),
    MailApp: mail,
    Utilities: fakeUtilities(options.sandboxes),
    PropertiesService: properties,
    CacheService: cache,
    HtmlService: fakeHtmlService(dist),
    ContentService: fakeContentService,
    ScriptApp: scriptApp,
    LockService: lock,
    Session: {
      getActiveUser: () => ({ getEmail: () => properties.currentUser }),
      getEffectiveUser: () => ({ getEmail: () => properties.currentUser }),
    },
    ...(options.sandboxes
      ? {
          UrlFetchApp: new FakeUrlFetchApp(options.sandboxes, whitelist),
          __virtualNow: () => options.sandboxes!.clock.now(),
        }
      : {}),
  };
  // gas-local runs every .js file of dist in this context (createContext keeps a context as it is).
  const ctx = gas.require(dist, bundleGlobal(globals)) as Record<string, unknown>;
  const fn = new Proxy(
    {},
    {
      get(_t, name: string) {
        const f = ctx[name];
        if (typeof f !== 'function') throw new Error(`dist/Code.js has no top-level function ${name}`);
        return f;
      },
    },
  ) as Gas['fn'];
  const evaluate = (code: string) => vm.runInContext(code, ctx as vm.Context);
  // Date.now inside the bundle's realm, so that reserves' «Действует до» can be tested at a fixed time.
  evaluate('var __realDateNow = Date.now;');
  const setNow = (iso: string | undefined) => {
    evaluate(
      iso === undefined ? 'Date.now = __realDateNow;' : `Date.now = function () { return ${Date.parse(iso)}; };`,
    );
  };
  // With sandboxes the bundle lives in their simulated time: Utilities.sleep moves it, Date.now reads it.
  if (options.sandboxes) evaluate('Date.now = function () { return __virtualNow(); };');
  return {
    book,
    properties,
    ui,
    logs,
    fn,
    evaluate,
    setNow,
    scriptApp,
    lock,
    cache,
    mail,
    ...(options.sandboxes ? { urlFetch: (globals as any).UrlFetchApp as FakeUrlFetchApp } : {}),
  };
}
