import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capability } from '../../../tools/test-env';
import { startLineFixture, UNIT } from './fixture.js';

const browser = capability('browser');
const SCREENSHOT = fileURLToPath(new URL('../../../docs/screenshots/citizen-line-flow.png', import.meta.url));

describe.skipIf(!browser.available)('citizen LINE flow in Chromium', () => {
  let fx: Awaited<ReturnType<typeof startLineFixture>>;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    fx = await startLineFixture();
    profile = mkdtempSync(join(tmpdir(), 'authenkit-line-'));
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
      viewport: { width: 460, height: 760 },
      locale: 'th-TH',
      timezoneId: 'Asia/Bangkok',
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await fx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('walks the citizen through consent, ID + phone and the QR photo to the code', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(fx.app.url);
    await page.locator('body[data-ready=true]').waitFor();
    await page.getByTestId('menu-request').click();
    await page.getByTestId('step-consent').waitFor();
    await page.getByTestId('accept').click();
    await page.getByTestId('step-register').waitFor();
    await page.getByTestId('pid').pressSequentially(fx.citizen.pid);
    expect(await page.getByTestId('pid').inputValue()).toMatch(/^\d-\d{4}-\d{5}-\d{2}-\d$/);
    await page.getByTestId('phone').fill(fx.citizen.phone);
    await page.getByTestId('next').click();
    await page.getByTestId('step-scan').waitFor();

    // "Take a photo" of the clinic poster.
    const photo = join(profile, 'poster.png');
    writeFileSync(photo, fx.poster);
    await page.getByTestId('photo').setInputFiles(photo);
    await page.getByTestId('step-result').waitFor();
    const code = await page.getByTestId('code').textContent();
    expect(code).toMatch(/^PP\d{10}$/);
    expect(await page.getByTestId('unit').textContent()).toBe(`${UNIT.hname} (${UNIT.hcode})`);
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.getByTestId('lang-toggle').click();
    expect(await page.locator('.result-label').textContent()).toBe('Your service code (Authen Code)');
    expect(errors).toEqual([]);
  });
});
