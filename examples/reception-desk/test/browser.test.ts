import { maskCitizenId } from '@authenkit/authen-code';
import {
  type ChromiumSession,
  launchChromium,
  type Page,
  saveScreenshot,
} from '@authenkit-examples/shared/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capability } from '../../../tools/test-env';
import { type OfflineCounter, startOfflineCounter } from '../src/index.js';

const browser = capability('browser');

describe.skipIf(!browser.available)('reception desk in Chromium', () => {
  let counter: OfflineCounter;
  let chrome: ChromiumSession;
  let page: Page;

  beforeAll(async () => {
    counter = await startOfflineCounter({ insert: false });
    chrome = await launchChromium('authenkit-desk-', {
      viewport: { width: 1360, height: 900 },
      locale: 'th-TH',
      timezoneId: 'Asia/Bangkok',
    });
    ({ page } = chrome);
  });

  afterAll(async () => {
    await chrome?.close();
    await counter?.close();
  });

  it('shows the card live, saves the visit, shows the Authen Code and its NHSO status', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(counter.desk.url);
    await page.locator('body[data-ready=true]').waitFor();
    await expect.poll(() => page.getByTestId('reader-status').getAttribute('data-state')).toBe('empty');
    await expect.poll(() => page.getByTestId('save').isDisabled()).toBe(true);

    // Insert the card: the page follows over server-sent events.
    await counter.insert();
    const p = counter.person;
    await page.getByTestId('card-data').waitFor({ state: 'visible' });
    await expect
      .poll(() => page.getByTestId('name').textContent())
      .toBe(`${p.titleTh} ${p.firstNameTh} ${p.lastNameTh}`);
    expect(await page.getByTestId('pid').textContent()).toBe(maskCitizenId(p.pid));
    expect(await page.getByTestId('age').textContent()).toMatch(/^\d+ ปี \d+ เดือน \d+ วัน$/);
    await page.locator('#photo img').waitFor();
    await expect
      .poll(() => page.locator('#photo img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('rights').textContent())
      .toContain('(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ');
    expect(await page.content()).not.toContain(p.pid);

    // Fill the form like the clerk: claim type, HN, phone; date and time default to now.
    await page.getByTestId('claim-type').selectOption('PG0060001');
    await page.getByTestId('hn').fill('HN0012345');
    await page.getByTestId('phone').fill(p.phone);
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('authen-code').textContent()).toMatch(/^PP\d{10}$/);
    const code = await page.getByTestId('authen-code').textContent();
    expect(await page.getByTestId('result-note').textContent()).toBe('ออกรหัสใหม่แล้ว');
    await expect.poll(() => page.getByTestId('visit-log').textContent()).toContain(code!);

    await page.getByTestId('check-status').click();
    await expect.poll(() => page.getByTestId('status-line').textContent()).toBe('สปสช. ยืนยันรหัสนี้แล้ว');

    await saveScreenshot(page, 'reception-desk');

    // Saving again (double click, second thought) returns the same code, flagged, in English now.
    await page.getByTestId('lang-toggle').click();
    expect(await page.locator('h1').textContent()).toContain('Reception desk');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('result-note').textContent()).toContain('reused');
    expect(await page.getByTestId('authen-code').textContent()).toBe(code);

    // A wrong phone number is refused with the SDK's message.
    await page.getByTestId('phone').fill('12345');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('form-error').textContent()).toMatch(/mobile/i);

    // Pull the card: the patient's data leaves the screen.
    await counter.remove();
    await page.getByTestId('card-data').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('save').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
