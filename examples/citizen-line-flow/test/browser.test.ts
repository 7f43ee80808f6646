import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ChromiumSession,
  launchChromium,
  type Page,
  saveScreenshot,
} from '@authenkit-examples/shared/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capability } from '../../../tools/test-env';
import { startLineFixture, UNIT } from './fixture.js';

const browser = capability('browser');

describe.skipIf(!browser.available)('citizen LINE flow in Chromium', () => {
  let fx: Awaited<ReturnType<typeof startLineFixture>>;
  let chrome: ChromiumSession;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    fx = await startLineFixture();
    chrome = await launchChromium('authenkit-line-', {
      viewport: { width: 460, height: 760 },
      locale: 'th-TH',
      timezoneId: 'Asia/Bangkok',
    });
    ({ page, profile } = chrome);
  });

  afterAll(async () => {
    await chrome?.close();
    await fx?.close();
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
    await saveScreenshot(page, 'citizen-line-flow');

    await page.getByTestId('lang-toggle').click();
    expect(await page.locator('.result-label').textContent()).toBe('Your service code (Authen Code)');
    expect(errors).toEqual([]);
  });
});
