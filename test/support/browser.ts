// A headless Chromium for the tests that need a real browser. The browser comes from the operating
// system (Debian: `apt-get install -y chromium`), never downloaded at install or run time; set
// CHROMIUM_PATH to use another one.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Launches headless Chromium, or fails saying what to install. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}. Install it (Debian or Ubuntu: apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium or Chrome executable.`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}
