/**
 * One playground (`npm start`) and one Chromium for a test file, and a page on it at 1280×800 that records
 * console errors: started before the file's tests, stopped after them.
 */
import type { Browser, Page } from 'playwright-core';
import { type Playground, startPlayground } from '../../dev/playground';
import { launchChromium, openPage, startBoth } from './chromium';

export const PLAYGROUND_VIEWPORT = { width: 1280, height: 800 };

export interface PlaygroundPage {
  playground: Playground;
  page: Page;
  errors: string[];
}

/** Call at the top of a file; the fields are filled once its first `beforeAll` has run. */
export function usePlaygroundPage(): PlaygroundPage {
  const open = {} as PlaygroundPage;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await startBoth(launchChromium(), startPlayground(0), (a, b) => {
      browser = a;
      if (b) open.playground = b;
    });
    Object.assign(open, await openPage(browser as Browser, open.playground.url, PLAYGROUND_VIEWPORT));
  }, 120_000);
  afterAll(async () => {
    await open.page?.close();
    await browser?.close();
    await open.playground?.stop();
  });
  return open;
}
