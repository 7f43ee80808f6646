import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capability } from '../../../tools/test-env';
import { startClinicQr } from '../src/index.js';

const browser = capability('browser');
const SCREENSHOT = fileURLToPath(new URL('../../../docs/screenshots/clinic-qr.png', import.meta.url));

describe.skipIf(!browser.available)('clinic-qr in Chromium', () => {
  let app: Awaited<ReturnType<typeof startClinicQr>>;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    app = await startClinicQr({ units: [{ hcode: '10998', hname: 'รพ.ทดสอบชุมแพ' }] });
    profile = mkdtempSync(join(tmpdir(), 'authenkit-qr-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.AUTHENKIT_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1360, height: 900 },
      locale: 'th-TH',
      acceptDownloads: true,
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('previews the chosen services as posters and downloads them as one PDF', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await page.locator('body[data-ready=true]').waitFor();
    for (const code of ['OPD', 'PG0010065', 'PG0090001'])
      await page.locator(`#services input[value=${code}]`).check();
    await page.getByTestId('generate').click();
    await expect.poll(() => page.locator('.poster').count()).toBe(3);
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.poster img')].every(
        (i) => i.complete && i.naturalWidth > 0,
      ),
    );
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-all').click(),
    ]);
    expect(download.suggestedFilename()).toBe('10998-posters.pdf');
    const file = join(profile, 'posters.pdf');
    await download.saveAs(file);
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(3);
    expect(errors).toEqual([]);
  });
});
