// Builds a site with gongkai and finds one page of each page type in each language.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Builds the site at `root` into `output` with the gongkai of `repo`; throws with gongkai's messages if the build fails. */
export function buildSite(repo, root, output) {
  const [command, args] = process.env.GONGKAI_BIN
    ? [process.env.GONGKAI_BIN, []]
    : ['cargo', ['run', '--locked', '--quiet', '--']];
  const result = spawnSync(command, [...args, 'build', '--root', root, '--output', output], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`gongkai build failed:\n${result.stderr ?? result.error}`);
  }
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * One standard page per (language, page type), the first in path order: the page type is the
 * theme's `page-<kind>` class on <body>, the language the `lang` of <html>. Returns
 * `[{ lang, kind, path: '/en/plans/x/' }]` sorted by language and kind.
 */
export function pageTypes(siteDir) {
  const seen = new Map();
  for (const file of htmlFiles(siteDir).sort()) {
    const html = readFileSync(file, 'utf8');
    // gongkai's own markup, read for three attributes; the browser checks parse the pages properly.
    const kind = html.match(/<body\b[^>]*\bclass="(?:[^"]*\s)?page-([a-z0-9-]+)/)?.[1];
    const lang = html.match(/<html\b[^>]*\blang="([^"]+)"/)?.[1];
    if (!kind || !lang) continue;
    const key = `${lang} ${kind}`;
    if (seen.has(key)) continue;
    const path = '/' + relative(siteDir, file).split(sep).join('/').replace(/(^|\/)index\.html$/, '$1');
    // A copy of a page (another reading mode) names the standard page as canonical: skip it here,
    // the modes list visits the copies.
    const canonical = html.match(/<link\b[^>]*\brel="canonical"[^>]*\bhref="([^"]+)"/)?.[1];
    if (canonical && !new URL(canonical).pathname.endsWith(path)) continue;
    seen.set(key, { lang, kind, path });
  }
  return [...seen.values()].sort((a, b) => `${a.lang} ${a.kind}`.localeCompare(`${b.lang} ${b.kind}`));
}

/** Every HTML file of the site, for the HTML checker. */
export function allPages(siteDir) {
  return htmlFiles(siteDir).sort();
}
