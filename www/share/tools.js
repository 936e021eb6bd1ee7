// The teaching page's share tools beside the link: the QR code, the embed dialog (the
// snippet for the current link at a chosen height and title, and a
// preview), CSV import, export, and opening a scenario file. An embed never
// loads them.
import { iframeTag, withHostLines, embedUrl, fullPageUrl, MAX_TITLE } from './embed.js';
import { newId, applyHeight } from './height.js';
import { bindImport } from './import.js';
import { bindExport } from './export.js';
import { bindFileOpener } from './file.js';
import { refusalText } from './sharing.js';
import { copyText } from './copy.js';
import { bindQr } from './qr.js';
import { withoutPresent } from '../controls/present.js';
import { bindPoster } from './poster-dialog.js';

const $ = (id) => document.getElementById(id);

/**
 * The embed dialog: the snippet for the current link at a chosen height and
 * title (in its figure, with the poster and caption: poster-dialog.js), its
 * copy button, and a preview.
 */
function bindEmbedDialog(link, app) {
  const height = $('embed-height'),
    title = $('embed-title'),
    theme = $('embed-theme'),
    snippet = $('embed-snippet'),
    preview = $('embed-preview');
  title.maxLength = MAX_TITLE;
  const figure = bindPoster(app, title);
  let made = Promise.resolve();
  let asked = 0;
  // Each opening of the dialog names a new embed, so two figures in one article resize apart.
  let id = newId();
  const look = () => {
    const [name, ink] = theme.value.split(' ');
    return { id, theme: name, ink };
  };
  // An embed is a link: a scenario too big for one has no snippet, and says why.
  const makeSnippet = () => {
    const url = link();
    const mine = ++asked;
    snippet.placeholder = url
      ? ''
      : 'This scenario is too big for a link, so it cannot be embedded (an embed is a link): it travels only as a scenario file.';
    if (!url) snippet.value = '';
    // The figure's words come from a run to its moment: the last one asked writes the snippet.
    // Should that run fail (the core refusing a second copy of a huge network), the iframe goes alone.
    made = url
      ? figure
          .page(fullPageUrl(url))
          .then((page) => {
            // The figure (iframe, poster, caption), then the lines that size the iframe.
            const { id } = look();
            const iframe = iframeTag(page, height.value, [], title.value, look());
            return figure
              .wrap(iframe)
              .catch((err) => figure.failed(iframe, err))
              .then((html) => withHostLines(html, id));
          })
          .then((text) => {
            if (mine === asked) snippet.value = text;
          })
      : Promise.resolve();
    return url;
  };
  $('embed-details').addEventListener('toggle', (e) => {
    if (e.target.open) id = newId();
    makeSnippet();
  });
  height.addEventListener('input', makeSnippet);
  title.addEventListener('input', makeSnippet);
  theme.addEventListener('change', () => {
    makeSnippet();
    if (!preview.hidden) showPreview();
  });
  $('embed-copy').addEventListener('click', async () => {
    makeSnippet();
    await made;
    copyText(snippet.value, {
      what: 'Snippet',
      button: $('embed-copy'),
      status: $('embed-copy-status'),
      target: snippet,
    });
  });
  // The preview is sized as the snippet's host lines size it, on an article's background its theme reads on.
  const showPreview = () => {
    const url = makeSnippet();
    preview.hidden = !url;
    if (!url) return;
    preview.style.height = `${Math.max(200, Math.min(1200, Number(height.value) || 420))}px`;
    preview.style.background = look().ink === 'light' ? '#111111' : '';
    preview.style.colorScheme = look().theme === 'transparent' ? 'normal' : '';
    preview.src = embedUrl(fullPageUrl(url), [], title.value, look());
  };
  $('embed-show').addEventListener('click', showPreview);
  addEventListener('message', (e) => {
    if (e.source === preview.contentWindow) applyHeight(e);
  });
}

/**
 * `app`: store, panes, recorder, notice; `sharing`: what bindSharing returned
 * (link, openFile, download). Returns { showQr }: the link's QR code full screen.
 */
export function bindTools(app, sharing) {
  const { store } = app;
  bindEmbedDialog(sharing.link, app);
  bindImport($('import'), {
    baseScenario: (i) => store.get().panes[i].scenario,
    importInto: async (i, scenario, label) => {
      const refusal = await store.editScenarios(i, (s) => {
        for (const k of Object.keys(s)) delete s[k];
        Object.assign(s, scenario);
        return { label, matchTies: false };
      });
      return refusal && refusalText(refusal);
    },
  });
  bindExport($('export'), { ...app, focus: () => store.get().view.focus });
  bindFileOpener($('tools'), (bytes) => sharing.openFile(bytes));
  // The code is for phones: it opens the page, not the projector's present mode.
  const qr = bindQr($('qr-dialog'), { link: () => withoutPresent(sharing.link()), download: sharing.download });
  $('show-qr').addEventListener('click', qr.show);
  return { showQr: qr.show };
}
