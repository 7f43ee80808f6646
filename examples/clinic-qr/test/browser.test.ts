import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ChromiumSession,
  launchChromium,
  type Page,
  saveScreenshot,
} from '@authenkit-examples/shared/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capability } from '../../../tools/test-env';
import { startClinicQr } from '../src/index.js';

const browser = capability('browser');

describe.skipIf(!browser.available)('clinic-qr in Chromium', () => {
  let app: Awaited<ReturnType<typeof startClinicQr>>;
  let chrome: ChromiumSession;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    app = await startClinicQr({ units: [{ hcode: '10998', hname: 'รพ.ทดสอบชุมแพ' }] });
    chrome = await launchChromium('authenkit-qr-', {
      viewport: { width: 1360, height: 900 },
      locale: 'th-TH',
      acceptDownloads: true,
    });
    ({ page, profile } = chrome);
  });

  afterAll(async () => {
    await chrome?.close();
    await app?.close();
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
    await saveScreenshot(page, 'clinic-qr');

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
