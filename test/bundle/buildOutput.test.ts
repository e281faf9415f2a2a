/** What `clasp push` would send: checked on the built files themselves. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIST, loadBundle } from '../fakes/gas';

const ROOT = path.resolve(__dirname, '../..');
const code = fs.readFileSync(path.join(DIST, 'Code.js'), 'utf8');
const ENTRY_POINTS = [
  'onOpen',
  'onInstall',
  'showSidebar',
  'getState',
  'saveSettings',
  'saveAndSend',
  'recalculate',
  'sendStocks',
  'confirmHeldSend',
  'setCredentials',
  'testConnection',
  'installTriggers',
  'removeTriggers',
  'runScheduledSync',
  'onEditInstalled',
  'syncNow',
  'continueSync',
];

describe('dist/Code.js', () => {
  it('has no import or export left', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it.each(ENTRY_POINTS)('declares %s as a top-level function', (name) => {
    expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    expect(typeof loadBundle().fn[name]).toBe('function');
  });

  it('does no work at load time: loading touches no service', () => {
    const g = loadBundle();
    expect(g.book.io.calls).toBe(0);
    expect(g.ui.menus).toEqual([]);
  });

  it('does not lean on what Apps Script lacks', () => {
    expect(code).not.toMatch(/\b(require\(|process\.|setTimeout\(|structuredClone\(|TextEncoder|Buffer\.)/);
  });

  it('runs in a global scope of its own, with the services and none of Node', () => {
    const g = loadBundle();
    const kinds =
      '[typeof require, typeof process, typeof setTimeout, typeof Buffer, typeof module, typeof SpreadsheetApp]';
    expect(g.evaluate(kinds)).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'object']);
    expect(g.evaluate('Array') === Array).toBe(false);
  });
});

describe('dist/appsscript.json', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));

  it('runs on V8 in Moscow time with explicit, narrow scopes', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/Moscow');
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
  });

  it('may send mail (the low-stock digest to the owner) but asks for no Gmail access', () => {
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/script.send_mail');
    expect(manifest.oauthScopes).not.toContain('https://mail.google.com/');
  });

  it('lets the script fetch only the marketplace API hosts and Telegram, each a valid https prefix with a path', () => {
    expect(manifest.urlFetchWhitelist).toEqual([
      'https://api-seller.ozon.ru/',
      'https://marketplace-api.wildberries.ru/',
      'https://content-api.wildberries.ru/',
      'https://api.partner.market.yandex.ru/',
      'https://api.megamarket.tech/',
      'https://openapi.ru.laliexpress.com/',
      'https://openapi.aliexpress.ru/',
      'https://api.avito.ru/',
      'https://api.telegram.org/',
    ]);
  });
});

describe('dist/Sidebar.html', () => {
  const html = fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
  it('is one file with its script and style inlined', () => {
    expect(html).toContain('<style>');
    expect(html).toContain('<script>');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).not.toContain('<!-- script -->');
  });
});

// The example's rootDir is what `npm run clasp:setup` writes, so this holds for a seller's own .clasp.json too;
// it needs no .clasp.json, which is the seller's and not in git.
it('clasp would push exactly Code.js, Sidebar.html and appsscript.json', () => {
  const args = ['-P', '.clasp.json.example', 'show-file-status', '--json'];
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/clasp'), args, {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  const status = JSON.parse(result.stdout.trim().split('\n').pop() as string);
  expect(status.filesToPush.sort()).toEqual(['dist/Code.js', 'dist/Sidebar.html', 'dist/appsscript.json']);
});

describe('a build with supplier hosts and mail sources (OSTATKI_EXTRA_FETCH_HOSTS, OSTATKI_EMAIL_SOURCES)', () => {
  const variant = path.resolve(ROOT, 'build/test-variant');
  const manifest = JSON.parse(fs.readFileSync(path.join(variant, 'appsscript.json'), 'utf8'));
  it('lists the extra host after the marketplaces and asks for Gmail read access', () => {
    expect(manifest.urlFetchWhitelist.slice(-1)).toEqual(['https://supplier.test/files/']);
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/gmail.readonly');
  });
  it('builds the same allowlist into Code.js, so the script can explain a host it may not fetch', () => {
    expect(fs.readFileSync(path.join(variant, 'Code.js'), 'utf8')).toContain(
      JSON.stringify(manifest.urlFetchWhitelist),
    );
    expect(code).not.toContain('__OSTATKI_URL_FETCH_WHITELIST__');
  });
  it('the default build asks for no Gmail access', () => {
    expect(JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8')).oauthScopes).not.toContain(
      'https://www.googleapis.com/auth/gmail.readonly',
    );
  });
});

it('a malformed extra host stops the build with a clear message', () => {
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/rollup'), ['-c'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, OSTATKI_OUT_DIR: 'build/bad-variant', OSTATKI_EXTRA_FETCH_HOSTS: 'http://supplier.ru' },
  });
  expect(result.status).not.toBe(0);
  expect(result.stderr + result.stdout).toContain(
    'OSTATKI_EXTRA_FETCH_HOSTS: "http://supplier.ru" must look like https://host.example/path/',
  );
});
