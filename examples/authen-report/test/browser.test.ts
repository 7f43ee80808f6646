import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_COLUMNS } from '@authenkit/authen-code';
import {
  type ChromiumSession,
  launchChromium,
  type Page,
  saveScreenshot,
} from '@authenkit-examples/shared/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capability } from '../../../tools/test-env';
import { startReportFixture } from './fixture.js';

const browser = capability('browser');

describe.skipIf(!browser.available)('authen-report in Chromium', () => {
  let fx: Awaited<ReturnType<typeof startReportFixture>>;
  let chrome: ChromiumSession;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    fx = await startReportFixture();
    chrome = await launchChromium('authenkit-report-', {
      viewport: { width: 1440, height: 900 },
      locale: 'th-TH',
      timezoneId: 'Asia/Bangkok',
      acceptDownloads: true,
    });
    ({ page, profile } = chrome);
  });

  afterAll(async () => {
    await chrome?.close();
    await fx?.close();
  });

  it('shows the 17-column report, filters it, and downloads the CSV', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(fx.app.url);
    await page.locator('body[data-ready=true]').waitFor();
    const headers = await page.locator('#head th').allTextContents();
    expect(headers).toEqual(REPORT_COLUMNS.map((c) => c.th));
    const total = Number((await page.getByTestId('row-count').textContent())?.match(/\d+/)?.[0]);
    expect(total).toBeGreaterThan(3);
    expect(await page.locator('#rows tr').count()).toBe(total);
    expect(await page.content()).not.toContain(fx.plan[0]!.person.pid);

    await saveScreenshot(page, 'authen-report');

    // Filter: one service only.
    await page.getByTestId('f-claim-type').selectOption('PG0010065');
    await page.getByTestId('search').click();
    await expect
      .poll(async () => Number((await page.getByTestId('row-count').textContent())?.match(/\d+/)?.[0]))
      .toBeLessThan(total);
    const filtered = await page.locator('#rows tr').count();

    // Download the CSV of what is on screen.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^authen-code-report-10699-.*\.csv$/);
    const file = join(profile, 'report.csv');
    await download.saveAs(file);
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(REPORT_COLUMNS.map((c) => c.th).join(','));
    expect(lines).toHaveLength(filtered + 1);
    expect(lines.slice(1).every((l) => l.includes('PG0010065'))).toBe(true);
    expect(lines.slice(1).join('\n')).toMatch(/[\u0E00-\u0E7F]{2,}/); // Thai names survive the round trip

    // English labels.
    await page.getByTestId('lang-toggle').click();
    expect(await page.locator('#head th').first().textContent()).toBe(REPORT_COLUMNS[0]!.en);
    expect(errors).toEqual([]);
  });
});
