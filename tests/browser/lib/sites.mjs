// The sites the browser suite builds and checks, each with the searches a reader would make on it.
// GONGKAI_SITES=example,zh-ug narrows the run to some of them.
//
// A site is `{ root, searches, many?, noScript? }`:
// - `root`: the site folder, relative to the repository;
// - `searches`: `{ from, query, expect }`: the page whose header form is used, the words typed, the
//   page that must be among the results;
// - `many`: a query with more results than the page lists at first, to use the "more" button;
// - `noScript`: the search page visited with JavaScript off, and the site map it must offer.
export const SITES = {
  // The example site in content/: Chinese, English and generated 繁體, three reading modes.
  example: {
    root: '.',
    searches: [
      { from: '/', query: '课后服务', expect: '/indicators/lyq-after-school/' },
      { from: '/en/', query: 'after-school', expect: '/en/indicators/lyq-after-school/' },
      { from: '/large-text/', query: '白果树', expect: '/large-text/schools/baiguoshu-primary/' },
      { from: '/high-contrast/zh-hant/', query: '課後服務', expect: '/high-contrast/zh-hant/indicators/lyq-after-school/' },
      { from: '/high-contrast/en/', query: 'Baiguoshu', expect: '/high-contrast/en/schools/baiguoshu-primary/' },
    ],
    many: { path: '/en/search/?q=school', first: 20 },
    noScript: { path: '/search/?q=课后服务', sitemap: '/sitemap/' },
  },
  // English at /, French at /fr/, on Canada's SDG 4 data: no Chinese anywhere.
  'en-fr': {
    root: 'tests/fixtures/en-fr',
    searches: [
      { from: '/', query: 'proficiency', expect: '/indicators/4-1-1/' },
      { from: '/fr/', query: 'apprentissage', expect: '/fr/indicators/4-2-2/' },
    ],
    noScript: { path: '/fr/search/?q=lecture', sitemap: '/fr/sitemap/' },
  },
  // 中文 at /, Uyghur (right to left) at /ug/.
  'zh-ug': {
    root: 'tests/fixtures/zh-ug',
    searches: [
      { from: '/', query: '课后服务', expect: '/indicators/after-school/' },
      { from: '/ug/', query: 'مۇلازىمەت', expect: '/ug/indicators/after-school/' },
    ],
    noScript: { path: '/ug/search/?q=مەكتەپ', sitemap: '/ug/sitemap/' },
  },
};

/** The sites to check: all, or those GONGKAI_SITES names. */
export function chosenSites() {
  const names = process.env.GONGKAI_SITES?.split(',').filter(Boolean) ?? Object.keys(SITES);
  const unknown = names.filter((name) => !SITES[name]);
  if (unknown.length) throw new Error(`unknown site(s) in GONGKAI_SITES: ${unknown.join(', ')}; known: ${Object.keys(SITES).join(', ')}`);
  return names.map((name) => ({ name, ...SITES[name] }));
}
