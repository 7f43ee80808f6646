/**
 * The examples' browser tests: a headless Chromium (system `/usr/bin/chromium`, or `AUTHENKIT_CHROMIUM`)
 * driven by playwright-core, in a throw-away profile, with no background traffic. Gate the tests with
 * `capability('browser')` from `tools/test-env.ts`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type LaunchOptions, type Page } from 'playwright-core';

export type { BrowserContext, Page };

/** Context options a test may choose (viewport, locale, time zone, downloads, …). */
export type ChromiumOptions = Omit<
  NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>,
  'executablePath' | 'headless' | 'args'
>;

/** A running Chromium: its context, one page, the profile directory (a scratch dir), and `close()`. */
export interface ChromiumSession {
  context: BrowserContext;
  page: Page;
  profile: string;
  /** Closes the browser and deletes the profile directory. */
  close(): Promise<void>;
}

const ARGS: LaunchOptions['args'] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with a fresh profile under the temp dir named `<profilePrefix>XXXXXX`. */
export async function launchChromium(
  profilePrefix: string,
  options: ChromiumOptions,
): Promise<ChromiumSession> {
  const profile = mkdtempSync(join(tmpdir(), profilePrefix));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.AUTHENKIT_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ARGS,
      ...options,
    });
    const page = await context.newPage();
    return {
      context,
      page,
      profile,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Where {@link saveScreenshot} writes: the scratch folder `.tmp/screenshots/` (gitignored), so `npm test`
 * never changes tracked files. `npm run screenshots` sets `AUTHENKIT_SCREENSHOTS_DIR=docs/screenshots` to
 * refresh the committed pictures the READMEs show (a relative path is taken from the repo root).
 */
export function screenshotsDir(): string {
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  return resolve(repo, process.env.AUTHENKIT_SCREENSHOTS_DIR || '.tmp/screenshots');
}

/** Saves a full-page screenshot as `<screenshotsDir()>/<name>.png`. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const file = join(screenshotsDir(), `${name}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}
