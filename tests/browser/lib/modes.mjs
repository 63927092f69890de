// The display modes every page type is checked in, each with its own browser contexts.
//
// A mode is `{ name, prefix, apply }`, both optional besides the name:
// - `prefix`: where the mode's copy of the site lives, for modes the site publishes as pages
//   (e.g. '/large-text'); each page type is visited at prefix + its standard path;
// - `apply(page)`: runs after every load, for modes that come from the reader's own settings
//   (e.g. `page.emulateMedia({ contrast: 'more' })` for a system high-contrast preference).
// The list holds the modes the theme has; append one when the theme gains it.
export const MODES = [
  { name: 'normal' },
  { name: 'large-text', prefix: '/large-text' },
  { name: 'high-contrast', prefix: '/high-contrast' },
  { name: 'prefers-contrast', apply: (page) => page.emulateMedia({ contrast: 'more' }) },
];

/** The mode with defaults filled in. */
export function mode(entry) {
  return { prefix: '', apply: async () => {}, ...entry };
}
