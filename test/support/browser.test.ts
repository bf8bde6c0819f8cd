import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { findChromium, launchBrowser } from './browser.js';

describe('the browser harness', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('launches a headless Chromium that renders and runs a page', async () => {
    const page = await browser.newPage();
    await page.setContent('<button onclick="this.textContent = String(6 * 7)">ask</button>');
    await page.click('button');
    expect(await page.textContent('button')).toBe('42');
    expect(browser.version()).toMatch(/^\d+\./);
    await page.close();
  });

  test('a CHROMIUM_PATH that does not exist fails and names what to install', async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    try {
      await expect(findChromium()).rejects.toThrow(
        /CHROMIUM_PATH is \/nowhere\/chromium.*apt-get install -y chromium/s,
      );
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
