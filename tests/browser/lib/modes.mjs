// The display modes every page is checked in. Each mode gets a fresh browser context and is applied
// to every page after it loads, before any check runs.
//
// To add a mode (large text, high contrast …), append an entry whose `apply(page)` puts the page in
// that mode the way a reader would: following the theme's switch, or emulating the user setting
// that the theme's CSS answers, e.g. `page.emulateMedia({ contrast: 'more' })`.
export const MODES = [
  {
    name: 'normal',
    apply: async () => {},
  },
];
