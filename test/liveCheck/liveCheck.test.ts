/**
 * `npm run live-check`: the command itself, run as a child process against the sandboxes for each
 * marketplace (targets, stock, orders, the comparison, --set and how long it took), its exit codes,
 * and that no key value ever reaches its output. Then its parts in-process: the read-back loop
 * against a marketplace that shows a push only later, and the fetch client's refusals and timeout.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFetchClient } from '../../dev/liveCheck/fetchClient';
import { Printer } from '../../dev/liveCheck/report';
import { pushAndWatch } from '../../dev/liveCheck/settle';
import { ALI_SANDBOX } from '../../dev/sandbox/aliexpress';
import { AVITO_SANDBOX } from '../../dev/sandbox/avito';
import { startSandboxes } from '../../dev/sandbox/harness';
import { MM_SANDBOX } from '../../dev/sandbox/megamarket';
import { OZON_SANDBOX } from '../../dev/sandbox/ozon';
import { WB_SANDBOX } from '../../dev/sandbox/wildberries';
import { YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import type { Connector, ItemOutcome, StockUpdate } from '../../src/connectors/common';
import { ConnectorError, type Timer } from '../../src/connectors/http';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'dev', 'liveCheck', 'cli.ts');
const CHILD_TIMEOUT_MS = 90_000;
const KEY_VARS = [
  'ALI_TOKEN',
  'MM_TOKEN',
  'OZON_CLIENT_ID',
  'OZON_API_KEY',
  'WB_TOKEN',
  'YM_API_KEY',
  'AVITO_CLIENT_ID',
  'AVITO_CLIENT_SECRET',
  'OZON_WAREHOUSE_ID',
  'WB_WAREHOUSE_ID',
  'YM_CAMPAIGN_ID',
];
const SANDBOX_SECRETS = [
  OZON_SANDBOX.apiKey,
  WB_SANDBOX.token,
  YM_SANDBOX.apiKey,
  MM_SANDBOX.token,
  ALI_SANDBOX.token,
  AVITO_SANDBOX.clientSecret,
];

jest.setTimeout(CHILD_TIMEOUT_MS + 30_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a maintainer runs it, with none of the developer's own keys in its environment. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const name of KEY_VARS) delete clean[name];
  return new Promise((resolve) => {
    const child = spawn(TSX, [CLI, ...args], {
      cwd: ROOT,
      env: { ...clean, ...env },
      timeout: CHILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectNoSecret(run: Run, secrets: string[]): void {
  for (const secret of secrets) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
}

const FULL = ['--sku', 'LC-001,LC-002,NOPE', '--expect', 'LC-001=10,LC-003=5', '--set', 'LC-002=7'];
const channels = ['ozon', 'wb', 'yandex'] as const;
const runs = new Map<string, Promise<Run>>();
const started = (name: string, args: string[], env?: Record<string, string>) => {
  if (!runs.has(name)) runs.set(name, cli(args, env));
  return runs.get(name)!;
};

// The sandbox runs take a few seconds each: start them together, then look at each one.
/** Avito sets stock per listing: the same run with listing numbers for ids. */
const AVITO_FULL = [
  '--sku',
  '3000000001,3000000002,3999999999',
  '--expect',
  '3000000001=10,3000000003=5',
  '--set',
  '3000000002=7',
];

beforeAll(() => {
  for (const c of channels) started(c, ['--sandbox', '--channel', c, ...FULL]);
  started('megamarket', ['--sandbox', '--channel', 'megamarket', ...FULL]);
  started('aliexpress', ['--sandbox', '--channel', 'aliexpress', ...FULL]);
  started('avito', ['--sandbox', '--channel', 'avito', ...AVITO_FULL]);
});

it('--sandbox --channel aliexpress: the [verify] list, no warehouse, stock by sku_code, orders, and an asynchronous --set', async () => {
  const run = await started('aliexpress', []);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = run.stdout;
  expect(out).toMatch(/\[verify\][^\n]*\n=+\n1\. товары, остатки и задачи/);
  expect(out).toContain('Ключ принят; склад выбирать не нужно');
  expect(out).toMatch(/^LC-001 +12$/m);
  expect(out).toMatch(/^NOPE +неизвестно$/m);
  expect(out).toMatch(/^Created\/Init +new — резерв +1$/m);
  expect(out).toMatch(/^InProgress\/Shipped +shipped — списание +1$/m);
  expect(out).toMatch(/^Cancelled\/Cancelled +cancelled — снять резерв +1$/m);
  expect(out).toMatch(/^LC-001 +12 +10 +-2 +изменится$/m);
  expect(out).toMatch(/AliExpress показал 7 через \d+ с/);
  expectNoSecret(run, SANDBOX_SECRETS);
});

it('--sandbox --channel megamarket: prints what is unconfirmed, no warehouse, no stock read, orders and the push', async () => {
  const run = await started('megamarket', []);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = run.stdout;
  expect(out).toMatch(/\[verify\][^\n]*\n=+\n1\. stock\/update принимает не больше 300/);
  expect(out).toContain('Ключ принят; склад выбирать не нужно');
  expect(out).toContain('Площадка не показывает остатки через API');
  expect(out).toContain('Строк заказов: 3');
  expect(out).toMatch(/^NEW +new — резерв +1$/m);
  expect(out).toMatch(/^SHIPPED +shipped — списание +1$/m);
  expect(out).toMatch(/^CUSTOMER_CANCELED +cancelled — снять резерв +1$/m);
  expect(out).toContain('Отправлено LC-002 = 7: принято');
  expect(out).toContain('Время до показа не измерить');
  expectNoSecret(run, SANDBOX_SECRETS);
});

describe.each(channels)('--sandbox --channel %s', (channel) => {
  it('lists targets, shows stock with unknown items, orders with both statuses, the comparison and --set', async () => {
    const run = await started(channel, []);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/\(listTargets\)\n=+\nID +Название/);
    expect(out).toMatch(/Выбран (склад|магазин \(кампания\)): \d+ «.+»/);
    expect(out).toMatch(/^LC-001 .* 12$/m);
    expect(out).toMatch(/^LC-002 .* 0$/m);
    expect(out).toMatch(/^NOPE .* неизвестно$/m);
    expect(out).toContain('Строк заказов: 3');
    expect(out).toMatch(/new — резерв/);
    expect(out).toMatch(/shipped — списание/);
    expect(out).toMatch(/cancelled — снять резерв/);
    expect(out).toMatch(/^LC-001 +12 +10 +-2 +изменится$/m);
    expect(out).toMatch(/^LC-003 +5 +5 +0 +совпадает$/m);
    expect(out).toMatch(/Отправлено LC-002 = 7: принято/);
    expect(out).toMatch(/показал 7 через (\d+ мин )?\d+ с \(/);
    expect(out).toMatch(/Окно оседания по умолчанию \(settleMinutes\) — (5|15) мин/);
    expectNoSecret(run, [...SANDBOX_SECRETS, OZON_SANDBOX.clientId]);
  });
});

it('--sandbox --channel avito: the one target, listings, orders with their statuses, --set, and what to check by hand', async () => {
  const run = await started('avito', []);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = run.stdout;
  expect(out).toContain('Цель (listTargets): складов у Авито нет, остатки — по объявлениям');
  expect(out).toContain('Выбран объект: listings «Авито: остатки по объявлениям»');
  expect(out).toMatch(/^3000000001 +12$/m);
  expect(out).toMatch(/^3999999999 +неизвестно$/m);
  expect(out).toContain('Строк заказов: 3');
  expect(out).toMatch(/^on_confirmation +new — резерв +1$/m);
  expect(out).toMatch(/^in_transit +shipped — списание +1$/m);
  expect(out).toMatch(/^canceled +cancelled — снять резерв +1$/m);
  expect(out).toMatch(/^3000000001 +12 +10 +-2 +изменится$/m);
  expect(out).toMatch(/Отправлено 3000000002 = 7: принято/);
  expect(out).toMatch(/Авито показал 7 через 1 мин 00 с/);
  expect(out).toMatch(/\[verify\][^\n]*\n=+\n1\. Client ID и Client Secret — в кабинете Авито/);
  expect(out).toMatch(/^ {3}как: пройти этот путь в кабинете/m);
  expect(out).toMatch(/^14\. ответ 429/m);
  expectNoSecret(run, [AVITO_SANDBOX.clientSecret, 'sandbox-avito-token']);
});

it('a wrong Avito secret: the token is refused, exit code 1, the secret never printed', async () => {
  const run = await cli(['--sandbox', '--channel', 'avito'], { AVITO_CLIENT_SECRET: 'wrong-avito-secret-987654321' });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('Авито: доступ не выдан — неверный Client ID или Client Secret (HTTP 400');
  expectNoSecret(run, ['wrong-avito-secret-987654321']);
});

it('takes the items and the quantities the add-on would send from a CSV (semicolons, «Артикул»)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'live-check-'));
  const file = path.join(dir, 'ozon.csv');
  fs.writeFileSync(file, '\ufeffНаименование;Артикул;Ozon\nРучка;LC-001;12\nКарандаш;LC-003;4\nЛастик;LC-009;\n');
  try {
    const run = await cli(['--sandbox', '--channel', 'ozon', '--csv', file, '--qty-column', 'Ozon']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^LC-009 +неизвестно$/m);
    expect(run.stdout).toMatch(/^LC-001 +12 +12 +0 +совпадает$/m);
    expect(run.stdout).toMatch(/^LC-003 +5 +4 +-1 +изменится$/m);
    expect(run.stdout).toContain('Совпадает: 1, изменится: 1, неизвестно: 0');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('masks a key even where Node quotes it in an error (an invalid header value)', async () => {
  const key = 'leaky\nsecret-0123456789';
  const run = await cli(['--sandbox', '--channel', 'ozon', '--sku', 'LC-001'], { OZON_API_KEY: key });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^Ошибка: Ozon: нет ответа от площадки/m);
  expectNoSecret(run, [key, 'secret-0123456789', 'leaky']);
});

it('says a wrong key is wrong, exit code 1, without printing it', async () => {
  const run = await cli(['--sandbox', '--channel', 'wb'], { WB_TOKEN: 'wrong-token-987654321' });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('Wildberries: неверный ключ или нет прав (HTTP 401)');
  expectNoSecret(run, ['wrong-token-987654321']);
});

it.each([
  ['ozon', 'OZON_CLIENT_ID и OZON_API_KEY'],
  ['wb', 'WB_TOKEN'],
  ['yandex', 'YM_API_KEY'],
  ['megamarket', 'MM_TOKEN'],
  ['aliexpress', 'ALI_TOKEN'],
  ['avito', 'AVITO_CLIENT_ID и AVITO_CLIENT_SECRET'],
])('without the key of %s: a clear message, exit code 2, no request', async (channel, names) => {
  const run = await cli(['--channel', channel]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(`задайте переменн`);
  expect(run.stderr).toContain(names);
});

it('a half-given Ozon key names only the missing variable', async () => {
  const run = await cli(['--channel', 'ozon'], { OZON_CLIENT_ID: '123456' });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/переменную окружения OZON_API_KEY \(/);
  expectNoSecret(run, ['123456']);
});

it('refuses options it cannot take with exit code 2', async () => {
  const bad = await cli(['--channel', 'ozon', '--set', 'LC-001']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--set: ожидалось АРТИКУЛ=ЧИСЛО, а не «LC-001»');
  const none = await cli([]);
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('укажите площадку: --channel ozon|wb|yandex');
  const avito = await cli(['--channel', 'avito', '--warehouse', '1']);
  expect(avito.code).toBe(2);
  expect(avito.stderr).toContain('у Авито нет складов и кампаний');
});

describe('--set read-back', () => {
  /** A marketplace that accepts a push at once and shows it `delayMs` later, on a simulated clock. */
  function delayed(delayMs: number, options: { failReadsAt?: number[]; outcome?: Partial<ItemOutcome> } = {}) {
    let now = 0;
    let shown = 3;
    let pending: { amount: number; at: number } | undefined;
    let reads = 0;
    const timer: Timer = { now: () => now, sleep: (ms) => (now += ms) };
    const connector: Connector = {
      listTargets: () => [],
      listOrders: () => [],
      peekOrders: () => [],
      setStocks: (items: readonly StockUpdate[]) => {
        const outcome = { id: items[0].id, accepted: true, ...options.outcome };
        if (outcome.accepted || outcome.retryLater) pending = { amount: items[0].amount, at: now + delayMs };
        return [outcome];
      },
      readStocks: (ids) => {
        reads++;
        if (options.failReadsAt?.includes(reads)) throw new ConnectorError('rate', 'Ozon: площадка просит реже');
        if (pending && now >= pending.at) shown = pending.amount;
        return new Map(ids.map((id) => [id, shown]));
      },
    };
    return { connector, timer, reads: () => reads };
  }
  const lines: string[] = [];
  const out = new Printer([]);
  beforeEach(() => {
    lines.length = 0;
    jest.spyOn(out, 'line').mockImplementation((text = '') => void lines.push(text));
  });
  const watch = { maxWaitMs: 20 * 60_000, intervalMs: 10_000, settleMinutes: 15, title: 'Яндекс Маркет' };

  it('keeps reading until a push shown 5 minutes later appears, and says how long it took', () => {
    const m = delayed(5 * 60_000);
    expect(pushAndWatch(m.connector, { id: 'A', amount: 7 }, watch, m.timer, out)).toBe(true);
    expect(lines).toContain('  +0 с: показано 3');
    expect(lines).toContain('  +5 мин 00 с: показано 7');
    expect(lines).toContain(
      'Яндекс Маркет показал 7 через 5 мин 00 с (предыдущая проверка в +4 мин 50 с ещё нет; проверок: 31).',
    );
    expect(lines).toContain('Окно оседания по умолчанию (settleMinutes) — 15 мин: укладывается.');
  });

  it('a failed reading on the way is unknown, not the end', () => {
    const m = delayed(60_000, { failReadsAt: [2, 3] });
    expect(pushAndWatch(m.connector, { id: 'A', amount: 7 }, watch, m.timer, out)).toBe(true);
    expect(lines).toContain('  чтение не удалось: Ozon: площадка просит реже');
    expect(lines).toContain('  +10 с: показано неизвестно');
    expect(lines.some((l) => l.startsWith('Яндекс Маркет показал 7 через 1 мин 00 с'))).toBe(true);
  });

  it('watches a push that went out but is not shown yet (Wildberries reads back at once); not a refused one', () => {
    const wb = delayed(2 * 60_000, {
      outcome: { accepted: false, retryLater: true, reason: 'Wildberries ответил «принято», но остаток не изменился' },
    });
    expect(pushAndWatch(wb.connector, { id: 'A', amount: 7 }, watch, wb.timer, out)).toBe(true);
    expect(lines).toContain('Запрос ушёл, но площадка ещё не показывает число: всё равно жду.');
    expect(lines.some((l) => l.startsWith('Яндекс Маркет показал 7 через 2 мин 00 с'))).toBe(true);
    lines.length = 0;
    const refused = delayed(0, { outcome: { accepted: false, reason: 'товар не найден' } });
    expect(pushAndWatch(refused.connector, { id: 'A', amount: 7 }, watch, refused.timer, out)).toBe(false);
    expect(lines).toEqual(['Отправлено A = 7: не принято — товар не найден (0 с)']);
    expect(refused.reads()).toBe(0);
  });

  it('stops at the bound and says the marketplace did not show it; beyond the settle default says so', () => {
    const never = delayed(Number.POSITIVE_INFINITY);
    expect(pushAndWatch(never.connector, { id: 'A', amount: 7 }, watch, never.timer, out)).toBe(false);
    expect(never.timer.now()).toBe(20 * 60_000);
    expect(never.reads()).toBe(121);
    expect(lines).toContain('Яндекс Маркет НЕ показал 7 за 20 мин 00 с (последнее показанное: 3, проверок: 121).');
    lines.length = 0;
    const slow = delayed(16 * 60_000);
    expect(pushAndWatch(slow.connector, { id: 'A', amount: 7 }, watch, slow.timer, out)).toBe(true);
    expect(lines.at(-1)).toMatch(/НЕ укладывается/);
  });
});

describe('fetch client', () => {
  it('sends nothing but https to real hosts, and answers a URL with no route as "no answer"', () => {
    const plain = createFetchClient({ timeoutMs: 1000 });
    const [http] = plain.fetchAll([{ method: 'get', url: 'http://api-seller.ozon.ru/v1', headers: {} }]);
    expect(http).toEqual({ status: 0, headers: {}, text: expect.stringMatching(/^refused: http:\/\/api-seller/) });
    const routed = createFetchClient({ timeoutMs: 1000, route: () => undefined });
    const [none] = routed.fetchAll([{ method: 'get', url: 'https://example.test/x', headers: {} }]);
    expect(none).toEqual({ status: 0, headers: {}, text: 'no route for example.test' });
  });

  it('masks the values of a form body (Avito’s client secret) when an error page echoes them', async () => {
    const sandboxes = await startSandboxes();
    try {
      sandboxes.control('avito', 'fault', { kind: 'status', status: 400, echo: true, path: '/token' });
      const client = createFetchClient({ timeoutMs: 5000, route: (url) => sandboxes.route(url) });
      const secret = AVITO_SANDBOX.clientSecret;
      const [answer] = client.fetchAll([
        {
          method: 'post',
          url: 'https://api.avito.ru/token',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          form: { grant_type: 'client_credentials', client_id: AVITO_SANDBOX.clientId, client_secret: secret },
        },
      ]);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('client_secret=***');
      expect(answer.text).not.toContain(secret);
    } finally {
      await sandboxes.stop();
    }
  });

  it('gives up on a silent server after the timeout, and masks header values in failure texts', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => void sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const client = createFetchClient({ timeoutMs: 300 });
      const startedAt = Date.now();
      const [late, leaky] = client.fetchAll([
        { method: 'post', url: `http://127.0.0.1:${port}/`, headers: {}, body: { a: 1 } },
        { method: 'get', url: `http://127.0.0.1:${port}/`, headers: { 'Api-Key': 'bad\nkey-value-42' } },
      ]);
      expect(Date.now() - startedAt).toBeLessThan(5000);
      expect(late).toEqual({ status: 0, headers: {}, text: 'timeout after 300 ms' });
      expect(leaky.status).toBe(0);
      expect(leaky.text).not.toContain('key-value-42');
      expect(client.count).toBe(2);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
