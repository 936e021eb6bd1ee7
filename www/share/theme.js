// The embed's theme (`theme=` in its link), so a figure takes its article's
// look: light (the page's own), dark, auto (the reader's system,
// prefers-color-scheme) or transparent (no background of its own: the
// article's shows through). A transparent embed cannot see the article's
// background, so the author says which text reads on it: `ink=dark` (the
// default, for a light article) or `ink=light` (for a dark one). The
// networks keep their own night-blue panel in every theme: the release
// flashes (yellow), the calm display's ramp and the flash-safety rules are
// drawn and measured on it, and its ties hold 3.4:1 there whatever the
// article's colour. index.html's first script sets data-theme and data-ink
// on <html> before anything is drawn (no white flash in a dark article);
// embed.css holds the colours. This module checks the values.

/** The themes an embed takes, the first the default. */
export const THEMES = ['light', 'dark', 'auto', 'transparent'];
/** A transparent embed's text: dark (on a light article, the default) or light (on a dark one). */
export const INKS = ['dark', 'light'];

/**
 * The theme and ink of an embed's link: { theme, ink, problem }, problem
 * null or a sentence saying what was refused (the embed then shows light,
 * or dark ink).
 */
export function embedTheme(search = location.search) {
  const q = new URLSearchParams(search);
  const asked = q.get('theme');
  const askedInk = q.get('ink');
  const theme = asked === null || asked === '' ? THEMES[0] : THEMES.includes(asked) ? asked : null;
  const ink = askedInk === null || askedInk === '' ? INKS[0] : INKS.includes(askedInk) ? askedInk : null;
  const quote = (s) => `“${[...s].slice(0, 20).join('')}${[...s].length > 20 ? '…' : ''}”`;
  const one = (list) => `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
  const problems = [];
  if (theme === null) problems.push(`Theme ${quote(asked)} is not one of ${one(THEMES)}, so the embed shows light.`);
  // Only a transparent embed has an ink to choose; elsewhere ink= is not read.
  if (ink === null && theme === 'transparent')
    problems.push(`Ink ${quote(askedInk)} is not one of ${one(INKS)}, so its text is dark.`);
  return { theme: theme ?? THEMES[0], ink: ink ?? INKS[0], problem: problems.join(' ') || null };
}

/** Puts the checked theme on <html> (index.html put the link's there first, unchecked). */
export function applyTheme({ theme, ink }, root = document.documentElement) {
  root.dataset.theme = theme;
  if (theme === 'transparent') root.dataset.ink = ink;
  else delete root.dataset.ink;
}
