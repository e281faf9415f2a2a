/** `npm run clasp:setup -- <id or URL>`: the seller's own .clasp.json, written in a temporary folder here. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'dev/claspSetup.cjs');
const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEfGhIjKlMnOpQr';
const OTHER_ID = '1ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210-_ZyXwVuTsRqPoNmLkJi';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clasp-setup-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function setup(...args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, out: result.stdout, err: result.stderr };
}
const claspJson = () => JSON.parse(fs.readFileSync(path.join(dir, '.clasp.json'), 'utf8'));
const exists = () => fs.existsSync(path.join(dir, '.clasp.json'));

it('writes the script id with rootDir dist', () => {
  const run = setup(ID);
  expect(run.status).toBe(0);
  expect(claspJson()).toEqual({ scriptId: ID, rootDir: 'dist' });
  expect(run.out).toContain(`Готово: .clasp.json указывает на скрипт ${ID}`);
});

it('writes the same shape as .clasp.json.example, which `npm run push:check` reads', () => {
  setup(ID);
  const example = JSON.parse(fs.readFileSync(path.join(ROOT, '.clasp.json.example'), 'utf8'));
  expect(Object.keys(claspJson()).sort()).toEqual(Object.keys(example).sort());
  expect(claspJson().rootDir).toBe(example.rootDir);
});

it.each([
  `https://script.google.com/home/projects/${ID}/edit`,
  `https://script.google.com/u/0/home/projects/${ID}/settings`,
  `https://script.google.com/d/${ID}/edit?usp=sharing`,
  `  "${ID}"  `,
])('takes the id out of %s', (input) => {
  expect(setup(input).status).toBe(0);
  expect(claspJson().scriptId).toBe(ID);
});

it.each([
  ['a short word', 'abc', 'не похож на идентификатор скрипта'],
  ['the placeholder', 'REPLACE_WITH_YOUR_SCRIPT_ID', 'не похож на идентификатор скрипта'],
  ['letters outside the id alphabet', `${ID.slice(0, 50)}!@#$%^&`, 'не похож на идентификатор скрипта'],
  ['a spreadsheet id', '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms', 'похож на идентификатор таблицы'],
  [
    'the spreadsheet URL',
    'https://docs.google.com/spreadsheets/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit',
    'ссылка на саму таблицу',
  ],
  ['a script URL without an id', 'https://script.google.com/home/usersettings', 'нет идентификатора скрипта'],
  ['another site', `https://example.com/projects/${ID}/edit`, 'нет идентификатора скрипта'],
])('refuses %s in Russian and writes nothing', (_what, input, message) => {
  const run = setup(input);
  expect(run.status).toBe(1);
  expect(run.err).toContain(message);
  expect(run.err).toContain('«Расширения» → «Apps Script» → «Настройки проекта»');
  expect(exists()).toBe(false);
});

it('explains how to run it when no id is given', () => {
  const run = setup();
  expect(run.status).toBe(1);
  expect(run.err).toContain('npm run clasp:setup -- <идентификатор скрипта');
  expect(exists()).toBe(false);
});

describe('an existing .clasp.json', () => {
  const write = (text: string) => fs.writeFileSync(path.join(dir, '.clasp.json'), text);

  it('that names another script is kept without --force', () => {
    write(JSON.stringify({ scriptId: OTHER_ID, rootDir: 'dist' }));
    const run = setup(ID);
    expect(run.status).toBe(1);
    expect(run.err).toContain(`уже указывает на другой скрипт: ${OTHER_ID}`);
    expect(run.err).toContain(`npm run clasp:setup -- ${ID} --force`);
    expect(claspJson().scriptId).toBe(OTHER_ID);
  });

  it('that names another script is replaced with --force', () => {
    write(JSON.stringify({ scriptId: OTHER_ID, rootDir: 'src', projectId: 'gcp-old' }));
    expect(setup(ID, '--force').status).toBe(0);
    expect(claspJson()).toEqual({ scriptId: ID, rootDir: 'dist' });
  });

  it('that does not read as JSON is kept without --force', () => {
    write('{ scriptId: ');
    const run = setup(ID);
    expect(run.status).toBe(1);
    expect(run.err).toContain('не читается как JSON');
    expect(fs.readFileSync(path.join(dir, '.clasp.json'), 'utf8')).toBe('{ scriptId: ');
  });

  it('with the placeholder of the old tracked file is replaced at once', () => {
    write(JSON.stringify({ scriptId: 'REPLACE_WITH_YOUR_SCRIPT_ID', rootDir: 'dist' }));
    expect(setup(ID).status).toBe(0);
    expect(claspJson().scriptId).toBe(ID);
  });

  it('with the same script keeps what else clasp stored there and points rootDir at dist', () => {
    write(JSON.stringify({ scriptId: ID, rootDir: '.', projectId: 'gcp-project-1' }));
    expect(setup(ID).status).toBe(0);
    expect(claspJson()).toEqual({ scriptId: ID, rootDir: 'dist', projectId: 'gcp-project-1' });
  });
});
