/** Debian's Chromium driven by playwright-core, with the flags this closed network needs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Starts a browser and a server together and waits for both to settle, so that the test's afterAll
 * can stop whichever did start when the other failed (otherwise jest is left with open handles).
 */
export async function startBoth<A, B>(
  first: Promise<A>,
  second: Promise<B>,
  keep: (a: A | undefined, b: B | undefined) => void,
): Promise<void> {
  const [a, b] = await Promise.allSettled([first, second]);
  keep(a.status === 'fulfilled' ? a.value : undefined, b.status === 'fulfilled' ? b.value : undefined);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
}

/** A page that records console errors and uncaught exceptions: every test expects none. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

/**
 * The whole sidebar in one picture, the sticky save bar at its end: a full-page shot would leave the
 * sticky bar where the screen's bottom was, across the middle of the picture.
 */
export async function shootSidebar(page: Page, file: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 300, height: 900 };
  const height = await page.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, 200) });
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
}
