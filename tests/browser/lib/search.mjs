// Search as a reader uses it: a word typed into the header form of a page, the results on the
// search page, followed by keyboard, in each language and reading mode, and with JavaScript off.
// The words and pages of each site are in sites.mjs.
import { accessibility } from './checks.mjs';

const RESULT_LINK = '.search-result a';

/**
 * Every search of `site` (see sites.mjs: `searches`, and optionally `many` and `noScript`), then
 * the results by keyboard, then the page without JavaScript.
 */
export async function searches(browser, base, site) {
  const failures = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  for (const search of site.searches) {
    failures.push(...(await attempt(context, search.from, 'search', () => findsThePage(context, base, search))));
  }
  if (site.many) {
    failures.push(...(await attempt(context, site.many.path, 'search', () => moreByKeyboard(context, base, site.many))));
  }
  await context.close();
  if (site.noScript) {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const { path } = site.noScript;
    failures.push(...(await attempt(noScript, path, 'search', () => withoutJavaScript(noScript, base, site.noScript))));
    await noScript.close();
  }
  return failures;
}

async function attempt(context, page, check, run) {
  try {
    return (await run()).map((problem) => ({ page, mode: 'search', check, ...problem }));
  } catch (error) {
    return [{ page, mode: 'search', check, rule: `the search could not run: ${error.message.split('\n')[0]}`, element: '' }];
  }
}

/** Types the query into the header form, submits it with Enter, and follows the expected result. */
async function findsThePage(context, base, { from, query, expect }) {
  const problems = [];
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(base + from);
  await page.fill('#site-search-q', query);
  await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('#site-search-q', 'Enter')]);
  await page.waitForSelector(RESULT_LINK, { timeout: 30000 }).catch(() => {});
  const state = await page.evaluate(
    ({ selector }) => ({
      status: document.getElementById('search-status')?.textContent ?? '',
      field: document.getElementById('search-q')?.value ?? '',
      links: [...document.querySelectorAll(selector)].map((a) => a.getAttribute('href')),
      listName: document.querySelector('.search-list')?.getAttribute('aria-labelledby') ?? '',
    }),
    { selector: RESULT_LINK },
  );
  if (!state.links.includes(expect)) {
    problems.push({ rule: `“${query}” does not find ${expect}`, element: `${state.status} ${state.links.slice(0, 5).join(' ')}` });
  }
  if (state.field !== query) problems.push({ rule: 'the search field does not show the query', element: state.field });
  if (!state.status.includes(query)) problems.push({ rule: 'the status does not name the query', element: state.status });
  if (!state.listName) problems.push({ rule: 'the list of results has no name', element: '.search-list' });
  const mode = from.match(/^\/(large-text|high-contrast)\//)?.[0] ?? '/';
  const strays = state.links.filter((href) => !href.startsWith(mode));
  if (strays.length) problems.push({ rule: `results leave the ${mode} copy of the site`, element: strays.slice(0, 3).join(' ') });
  for (const error of errors) problems.push({ rule: 'the search script failed', element: error });
  problems.push(...(await accessibility(page)).map((p) => ({ ...p, rule: `results: ${p.rule}` })));
  problems.push(...(await resultsByKeyboard(page, expect)));
  await page.close();
  return problems;
}

/** From the search field, Tab reaches the first result, and Enter on the expected one opens it. */
async function resultsByKeyboard(page, expect) {
  const problems = [];
  await page.focus('#search-q');
  let reached = false;
  for (let presses = 0; presses < 6 && !reached; presses++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, RESULT_LINK);
  }
  if (!reached) problems.push({ rule: 'Tab from the search field does not reach the results', element: '' });
  const link = page.locator(`${RESULT_LINK}[href="${expect}"]`).first();
  if ((await link.count()) === 0) return problems;
  await link.focus();
  const outlined = await link.evaluate((a) => {
    const style = getComputedStyle(a);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  });
  if (!outlined) problems.push({ rule: 'a focused result shows no focus outline', element: expect });
  await Promise.all([page.waitForURL((url) => url.pathname === expect), page.keyboard.press('Enter')]);
  return problems;
}

/** The "more" button lists the next results and moves focus to the first of them. */
async function moreByKeyboard(context, base, MANY) {
  const page = await context.newPage();
  await page.goto(base + MANY.path);
  await page.waitForSelector('.search-more', { timeout: 30000 });
  const before = await page.locator(RESULT_LINK).count();
  await page.focus('.search-more');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.search-result').length > n, before, { timeout: 30000 });
  const state = await page.evaluate((n) => {
    const links = [...document.querySelectorAll('.search-result a')];
    return { count: links.length, focusedIndex: links.indexOf(document.activeElement), first: n };
  }, before);
  await page.close();
  const problems = [];
  if (before !== MANY.first) problems.push({ rule: `the first batch has ${before} results, not ${MANY.first}`, element: '' });
  if (state.focusedIndex !== before) {
    problems.push({ rule: '“more” does not move focus to the first new result', element: `focused #${state.focusedIndex}` });
  }
  return problems;
}

/** Without JavaScript the search page says search needs it and offers the site map instead. */
async function withoutJavaScript(context, base, { path, sitemap }) {
  const page = await context.newPage();
  await page.goto(base + path);
  const state = await page.evaluate((sitemap) => ({
    visible: document.querySelector('main')?.innerText ?? '',
    sitemap: Boolean(document.querySelector(`main a[href="${sitemap}"]`)),
  }), sitemap);
  await page.close();
  const problems = [];
  if (!state.visible.includes('JavaScript')) problems.push({ rule: 'the page does not say that search needs JavaScript', element: '' });
  if (!state.sitemap) problems.push({ rule: 'the page does not offer the site map', element: '' });
  return problems;
}
