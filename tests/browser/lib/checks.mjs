// The checks run on each page in a real browser. Each returns a list of problems
// `{ check, rule, element }`; none throws for a finding, so one run reports everything.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** WCAG 2.0 and 2.1, levels A and AA. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's violations of WCAG 2.1 A and AA. */
export async function accessibility(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async (tags) => {
    const result = await globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  return violations.flatMap((v) =>
    v.nodes.map((node) => ({
      check: 'axe',
      rule: `${v.id} (${v.impact}): ${v.help}`,
      element: `${node.target}  ${short(node.html)}${node.summary ? `\n      ${short(node.summary.replace(/\n\s*/g, ' '), 300)}` : ''}`,
    })),
  );
}

/** At a narrow width nothing may be wider than the window (no sideways scrolling). */
export async function noHorizontalOverflow(page) {
  const found = await page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    // The widest elements that stick out, innermost first, to say what to fix.
    const width = root.clientWidth;
    const describe = (el) =>
      el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
    // Inside a scrolling box (a wide table in .table-wrap) sticking out is intended.
    const scrolls = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    const inScroller = (el) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) if (scrolls(up)) return true;
      return false;
    };
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !inScroller(el))
      .filter((el) => ![...el.children].some((child) => child.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((el) => `${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)}px`);
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
  });
  if (!found) return [];
  return [
    {
      check: 'overflow',
      rule: `document is ${found.scrollWidth}px wide in a ${found.clientWidth}px window`,
      element: found.culprits.join('; ') || '(no single element found)',
    },
  ];
}

/** What the focused element looks like: where it is and whether it shows a focus indicator. */
async function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
      html: el.outerHTML,
      skipLink: el.matches('.skip-link'),
      languageSwitch: el.matches('.language-switcher a'),
      inViewport:
        box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 &&
        box.bottom <= innerHeight && box.right <= innerWidth,
      indicator: outlined || style.boxShadow !== 'none',
      visible: style.visibility !== 'hidden' && parseFloat(style.opacity) > 0,
    };
  });
}

/**
 * Keyboard: the first Tab reaches the skip link, which then shows on screen and moves focus to the
 * main content; a few more Tabs reach the language switcher, which shows where focus is.
 */
export async function keyboard(page, mode) {
  const problems = [];
  const problem = (rule, element = '') => problems.push({ check: 'keyboard', rule, element });
  await page.keyboard.press('Tab');
  const first = await focusState(page);
  if (!first?.skipLink) {
    problem('the first Tab does not reach the skip link', first ? short(first.html) : 'nothing is focused');
  } else {
    if (!first.inViewport || !first.visible) problem('the focused skip link is not visible on screen', short(first.html));
    if (!first.indicator) problem('the focused skip link has no focus outline', short(first.html));
  }
  let reached = null;
  for (let presses = 0; presses < 10 && !reached; presses++) {
    await page.keyboard.press('Tab');
    const state = await focusState(page);
    if (state?.languageSwitch) reached = state;
  }
  if (!reached) {
    problem('the language switcher is not reached within 10 Tabs after the skip link');
  } else {
    if (!reached.inViewport || !reached.visible) problem('the focused language switcher is not visible', short(reached.html));
    if (!reached.indicator) problem('the focused language switcher has no focus outline', short(reached.html));
  }
  if (first?.skipLink) {
    await page.reload();
    await mode.apply(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const target = await page.evaluate(() => document.activeElement?.id ?? '');
    const hash = await page.evaluate(() => location.hash);
    if (target !== hash.slice(1)) problem(`activating the skip link leaves focus outside ${hash || 'its target'}`, `focused: #${target}`);
  }
  return problems;
}

/** With JavaScript off, the page still has its main content and its heading. */
export async function readableWithoutJavaScript(page) {
  const state = await page.evaluate(() => {
    const main = document.querySelector('main');
    const h1 = main?.querySelector('h1');
    return {
      main: Boolean(main),
      text: main ? main.innerText.trim().length : 0,
      h1Visible: Boolean(h1 && h1.getBoundingClientRect().height > 0),
    };
  });
  const problems = [];
  if (!state.main) problems.push({ check: 'no-js', rule: 'the page has no <main>', element: '' });
  else if (state.text < 20) problems.push({ check: 'no-js', rule: `the main content is nearly empty (${state.text} characters)`, element: 'main' });
  if (!state.h1Visible) problems.push({ check: 'no-js', rule: 'no visible <h1> in the main content', element: 'main h1' });
  return problems;
}

function short(html, limit = 160) {
  const oneLine = html.replace(/\s+/g, ' ');
  return oneLine.length > limit ? `${oneLine.slice(0, limit - 1)}…` : oneLine;
}
