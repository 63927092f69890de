// The browser suite: builds each site of lib/sites.mjs (the example site, an English + French site
// and a Chinese + Uyghur right-to-left site), serves it on 127.0.0.1 and checks it as a reader would
// use it, in headless Chromium driven by playwright-core, plus the Nu HTML checker on every page.
//
//   accessibility  axe-core, WCAG 2.1 A and AA, every page type × language × display mode
//   keyboard       skip link and language switcher reachable by Tab and visible on focus
//   rendering      screenshots at 390 px and 1280 px into artifacts/; no sideways scrolling at 390 px
//   no-js          with JavaScript off the main content is there
//   search         words typed into the header form find their pages (Chinese, English, 繁體, French,
//                  Uyghur, the reading modes), results pass axe and work by keyboard, no-JS search
//                  says what to do
//   html           vnu.jar reports no error on any built page
//
// GONGKAI_SITES=example,zh-ug narrows the run to some sites, GONGKAI_PAGES=plan,index to some page
// types. Failures are printed as a list (site, page, check, rule, element) and the exit code is 1.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessibility, keyboard, noHorizontalOverflow, readableWithoutJavaScript } from './lib/checks.mjs';
import { MODES, mode as withDefaults } from './lib/modes.mjs';
import { searches } from './lib/search.mjs';
import { serve } from './lib/server.mjs';
import { allPages, buildSite, pageTypes } from './lib/site.mjs';
import { chosenSites } from './lib/sites.mjs';
import { validateHtml } from './lib/vnu.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const artifacts = join(here, 'artifacts');
const WIDTHS = { narrow: 390, wide: 1280 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// No downloads, no phoning home: the machine may have no network, and the run must not depend on it.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Containers often give /dev/shm only 64 MB, too little for full-page screenshots.
  '--disable-dev-shm-usage',
];

async function main() {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'gongkai-browser-'));
  rmSync(artifacts, { recursive: true, force: true });
  const failures = [];
  let browser;
  try {
    const { chromium } = await import('playwright-core').catch(() => {
      throw new Error('playwright-core is not installed: run `npm ci --prefix tests/browser`');
    });
    // launch() gives Chromium a fresh temporary user-data-dir of its own and removes it on close.
    browser = await chromium
      .launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
      .catch((error) => {
        throw new Error(`cannot start ${CHROMIUM} (Debian: apt-get install chromium): ${error.message.split('\n')[0]}`);
      });
    for (const site of chosenSites()) {
      const found = await checkSite(browser, site, join(work, site.name));
      failures.push(...found.map((failure) => ({ ...failure, page: `${site.name} ${failure.page}` })));
    }
  } catch (error) {
    failures.push({ page: '(suite)', check: 'setup', rule: error.message, element: '' });
  } finally {
    await browser?.close().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`browser suite: ${failures.length} problem(s) in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${artifacts}`);
  printFailures(failures);
  process.exitCode = failures.length ? 1 : 0;
}

/** One site: built, served, every page type in every mode, without JavaScript, searched, validated. */
async function checkSite(browser, site, siteDir) {
  const started = Date.now();
  const failures = [];
  let server;
  try {
    buildSite(repo, resolve(repo, site.root), siteDir);
    const built = Date.now();
    // GONGKAI_PAGES=plan,index narrows the run to some page types while working on the theme.
    const only = process.env.GONGKAI_PAGES?.split(',').filter(Boolean);
    const pages = pageTypes(siteDir).filter((p) => !only || only.includes(p.kind));
    const htmlFiles = only ? pages.map((p) => join(siteDir, p.path.endsWith('/') ? `${p.path}index.html` : p.path)) : allPages(siteDir);
    let validated;
    const html = validateHtml(siteDir, htmlFiles).then((found) => ((validated = Date.now()), found));
    server = await serve(siteDir);
    for (const mode of MODES.map(withDefaults)) {
      failures.push(...(await checkMode(browser, server.url, pages, mode, join(artifacts, site.name))));
    }
    failures.push(...(await checkWithoutJavaScript(browser, server.url, pages)));
    if (!only || only.includes('search')) failures.push(...(await searches(browser, server.url, site)));
    const browsed = Date.now();
    failures.push(...(await html));
    const seconds = (from, to = Date.now()) => `${((to - from) / 1000).toFixed(1)} s`;
    console.log(
      `${site.name}: ${pages.length} page types × ${MODES.length} mode(s) in the browser, ` +
        `${htmlFiles.length} pages through the HTML checker; ${failures.length} problem(s) in ${seconds(started)} ` +
        `(build ${seconds(started, built)}, browser ${seconds(built, browsed)}, HTML checker ${seconds(built, validated)} alongside)`,
    );
  } catch (error) {
    failures.push({ page: '(site)', check: 'setup', rule: error.message, element: '' });
  } finally {
    await server?.close();
  }
  return failures;
}

/** Every page type in one display mode: axe, keyboard and screenshots at both widths. */
async function checkMode(browser, base, pages, mode, artifacts) {
  const failures = [];
  const contexts = {};
  for (const [name, width] of Object.entries(WIDTHS)) {
    contexts[name] = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
  }
  mkdirSync(join(artifacts, mode.name), { recursive: true });
  await eachConcurrently(pages, async ({ lang, kind, path: standardPath }) => {
    const path = mode.prefix + standardPath;
    const where = { page: path, mode: mode.name };
    const run = async (name, check) => {
      try {
        failures.push(...(await check()).map((problem) => ({ ...where, ...problem })));
      } catch (error) {
        failures.push({ ...where, check: name, rule: `the check could not run: ${error.message.split('\n')[0]}`, element: '' });
      }
    };
    for (const [name, width] of Object.entries(WIDTHS)) {
      const page = await contexts[name].newPage();
      await run('load', async () => {
        const response = await page.goto(base + path, { waitUntil: 'load' });
        const expected = kind === '404' ? [200, 404] : [200];
        await mode.apply(page);
        await page.screenshot({ path: join(artifacts, mode.name, `${lang}-${kind}-${width}.png`), fullPage: true });
        return expected.includes(response?.status())
          ? []
          : [{ check: 'load', rule: `HTTP status ${response?.status()}`, element: '' }];
      });
      if (name === 'narrow') {
        await run('overflow', () => noHorizontalOverflow(page));
      } else {
        await run('axe', () => accessibility(page));
      }
      // At both widths: on a phone the header wraps, and the switcher must still show its focus.
      await run('keyboard', async () => {
        await page.goto(base + path);
        await mode.apply(page);
        return (await keyboard(page, mode)).map((p) => ({ ...p, rule: `${p.rule} (at ${width} px)` }));
      });
      await page.close();
    }
  });
  for (const context of Object.values(contexts)) await context.close();
  return failures;
}

/** Runs `work` on every item, a few at a time: pages wait on the browser as much as on the CPU. */
async function eachConcurrently(items, work, limit = 3) {
  const queue = [...items];
  const worker = async () => {
    while (queue.length) await work(queue.shift());
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Every page type with JavaScript switched off: the content is readable without it. */
async function checkWithoutJavaScript(browser, base, pages) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: WIDTHS.wide, height: 900 } });
  const failures = [];
  for (const { path } of pages) {
    const page = await context.newPage();
    try {
      await page.goto(base + path);
      failures.push(...(await readableWithoutJavaScript(page)).map((p) => ({ page: path, mode: 'no-js', ...p })));
    } catch (error) {
      failures.push({ page: path, mode: 'no-js', check: 'no-js', rule: `could not load: ${error.message.split('\n')[0]}`, element: '' });
    }
    await page.close();
  }
  await context.close();
  return failures;
}

/** A readable list, grouped by page, then by rule with the elements under it; no stack traces. */
function printFailures(failures) {
  if (!failures.length) {
    console.log('no problems found');
    return;
  }
  const byPage = new Map();
  for (const failure of failures) {
    const page = failure.mode ? `${failure.page} [${failure.mode}]` : failure.page;
    const rule = `${failure.check}: ${failure.rule}`;
    if (!byPage.has(page)) byPage.set(page, new Map());
    const rules = byPage.get(page);
    if (!rules.has(rule)) rules.set(rule, []);
    if (failure.element) rules.get(rule).push(failure.element);
  }
  console.error(`\n${failures.length} problem(s) on ${byPage.size} page(s):`);
  for (const [page, rules] of [...byPage.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    console.error(`\n${page}`);
    for (const [rule, elements] of rules) {
      console.error(`  ${rule}`);
      for (const element of elements) console.error(`    ${element}`);
    }
  }
}

main();
