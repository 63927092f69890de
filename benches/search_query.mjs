#!/usr/bin/env node
// What a reader downloads for one query on the search page, measured in headless Chromium.
//
//     npm ci --prefix tests/browser                  # playwright-core
//     gongkai build --root SITE --output /dev/shm/out
//     node benches/search_query.mjs --public /dev/shm/out --query 课后服务 --query /en/:teacher --runs 5
//
// The built site is served from 127.0.0.1 by a small static server in this script; every run opens
// `<search page>?q=QUERY` in a fresh Chromium with a fresh profile (empty cache) and waits for the first result on
// the page. It prints, per query, the median and range over the runs of: the requests the page made
// after the search page itself (pagefind's script, WebAssembly, entry, metadata, index chunks and
// fragments of the first batch of results), the bytes of their responses, those below
// /pagefind/, and the time from the start of the navigation to the first result in the page (a
// MutationObserver records it in the page, so the polling of the script is not counted).
// A query is `TEXT` (the zh search page, /search/) or `PREFIX:TEXT` (e.g. `/en/:teacher`).
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

function options(argv) {
  const found = { public: null, queries: [], runs: 5, chromium: process.env.CHROMIUM || '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--public') found.public = value;
    else if (name === '--query') found.queries.push(value);
    else if (name === '--runs') found.runs = Number(value);
    else if (name === '--chromium') found.chromium = value;
    else throw new Error(`unknown option ${name}`);
  }
  if (!found.public || !found.queries.length) throw new Error('usage: --public DIR --query Q [--query Q] [--runs N]');
  return found;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png', '.ico': 'image/x-icon',
};

// A static server of `root` on a free loopback port.
function serve(root) {
  const server = createServer((request, response) => {
    let path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    path = normalize(join(root, path));
    if (!path.startsWith(root)) return response.writeHead(403).end();
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      const body = readFileSync(path);
      response.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

// One query in a fresh browser with a fresh profile (`--user-data-dir`, so an empty cache): its
// requests, bytes and time to the first result.
async function measure(executablePath, url) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'search-query-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, args: FLAGS });
  const page = context.pages()[0] || (await context.newPage());
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('.search-result')) {
        window.__firstResult = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const finished = [];
  page.on('requestfinished', (request) => finished.push(request));
  await page.goto(url);
  await page.waitForFunction(() => window.__firstResult !== undefined, null, { timeout: 60000 });
  const firstResult = await page.evaluate(() => window.__firstResult);
  const results = await page.locator('.search-result').count();
  const sizes = await Promise.all(finished.map(async (r) => ({ url: r.url(), bytes: (await r.sizes()).responseBodySize })));
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
  const after = sizes.filter((s) => s.url !== url);
  const index = after.filter((s) => new URL(s.url).pathname.includes('/pagefind/'));
  const sum = (list) => list.reduce((total, s) => total + s.bytes, 0);
  return { requests: after.length, bytes: sum(after), indexRequests: index.length, indexBytes: sum(index), firstResult, results };
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const args = options(process.argv.slice(2));
const root = normalize(args.public);
const server = await serve(root);
const base = `http://127.0.0.1:${server.address().port}`;
try {
  for (const query of args.queries) {
    const [prefix, text] = query.includes(':') ? query.split(':') : ['/', query];
    const url = `${base}${prefix}search/?q=${encodeURIComponent(text)}`;
    const runs = [];
    for (let i = 0; i < args.runs; i++) runs.push(await measure(args.chromium, url));
    const row = {};
    for (const key of ['requests', 'bytes', 'indexRequests', 'indexBytes', 'firstResult', 'results']) {
      row[key] = summary(runs.map((r) => r[key]));
    }
    const show = (s, unit = '') => `${Math.round(s.median)}${unit} (${Math.round(s.min)}–${Math.round(s.max)})`;
    console.log(`${prefix}search/?q=${text} (${args.runs} runs): requests ${show(row.requests)}, ` +
      `${show(row.bytes)} bytes; of them below /pagefind/: ${show(row.indexRequests)} requests, ` +
      `${show(row.indexBytes)} bytes; first result after ${show(row.firstResult, ' ms')}; ` +
      `results on the page ${row.results.median}`);
  }
} finally {
  server.close();
}
