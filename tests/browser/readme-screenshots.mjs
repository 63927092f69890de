// Takes the README's screenshots of the example site again, after a change to the theme:
//
//   node tests/browser/readme-screenshots.mjs      # GONGKAI_BIN=target/release/gongkai to skip cargo
//
// It builds the site, serves it on loopback and writes docs/screenshots/*.png (1280 × 1600, the top of
// each page, as a visitor on a desktop first sees it). Not part of the test command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serve } from './lib/server.mjs';
import { buildSite } from './lib/site.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = [
  { file: 'home.png', path: '/' },
  { file: 'indicator.png', path: '/indicators/czq-quality-kindergarten-share/' },
  { file: 'indicator-high-contrast.png', path: '/high-contrast/indicators/czq-quality-kindergarten-share/' },
];

const work = mkdtempSync(join(tmpdir(), 'gongkai-shots-'));
const siteDir = join(work, 'site');
let server;
let browser;
try {
  buildSite(repo, repo, siteDir);
  server = await serve(siteDir);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  for (const shot of SHOTS) {
    const response = await page.goto(`${server.url}${shot.path}`);
    if (!response.ok()) throw new Error(`${shot.path}: HTTP ${response.status()}`);
    await page.screenshot({ path: join(repo, 'docs', 'screenshots', shot.file) });
    console.log(`docs/screenshots/${shot.file} ← ${shot.path}`);
  }
} finally {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
}
