// The QR code of the page's link, for a class to open the scenario on their
// phones: a dialog that fills the screen (so the code scans from the back of
// a room on a projector), drawn by uqr (a port of Nayuki's generator). A link
// longer than a QR code holds says so and offers the scenario file instead.
import { encode } from '../vendor/uqr/uqr.mjs';

// Low error correction keeps the modules as large as the link allows (a
// projected code is not smudged); uqr raises it when the same size allows.
const ECC = 'L';
// The quiet zone scanners need, in modules.
const BORDER = 4;
// Above this version (69 modules) the code is dense: phones scan it from nearer.
const DENSE_VERSION = 13;

/** The QR code of `text` as { size, dark(x, y), version }, or null when it is too long for one. */
export function qrOf(text) {
  try {
    const qr = encode(text, { ecc: ECC, border: BORDER });
    return { size: qr.size, version: qr.version, dark: (x, y) => qr.data[y][x] };
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

/** Draws the code on `canvas`, a whole number of pixels per module, dark on white. */
function draw(canvas, qr) {
  const scale = Math.max(2, Math.floor(1200 / qr.size));
  canvas.width = canvas.height = qr.size * scale;
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000000';
  for (let y = 0; y < qr.size; y++)
    for (let x = 0; x < qr.size; x++) if (qr.dark(x, y)) g.fillRect(x * scale, y * scale, scale, scale);
}

/** What the dialog says for `link` ('' when the scenario is too big for any link). */
function describe(link, qr) {
  if (!link) return 'This scenario is too big for a link, so it cannot be a QR code: share the scenario file instead.';
  if (!qr)
    return `This link is ${link.length.toLocaleString('en')} characters long, more than a QR code holds (about 2,900): share the scenario file instead.`;
  if (qr.version > DENSE_VERSION)
    return 'Scan with a phone’s camera. This long link makes a dense code: come a little closer to scan it.';
  return 'Scan with a phone’s camera to open this scenario.';
}

/**
 * `dialog`: the QR dialog (a canvas.qr-code, p.qr-text, p.qr-link,
 * button.qr-file, button.qr-close); `link()` the page's link ('' when too
 * big); `download()` offers the scenario file. Returns show(), which
 * present mode can call too.
 */
export function bindQr(dialog, { link, download }) {
  const canvas = dialog.querySelector('.qr-code'),
    text = dialog.querySelector('.qr-text'),
    shown = dialog.querySelector('.qr-link'),
    file = dialog.querySelector('.qr-file');
  file.addEventListener('click', () => download());
  dialog.querySelector('.qr-close').addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  const show = () => {
    const url = link();
    const qr = url ? qrOf(url) : null;
    canvas.hidden = !qr;
    if (qr) draw(canvas, qr);
    dialog.dataset.version = qr ? String(qr.version) : '';
    text.textContent = describe(url, qr);
    shown.textContent = qr ? url : '';
    shown.hidden = !qr;
    file.hidden = Boolean(qr);
    if (!dialog.open) dialog.showModal();
  };
  return { show };
}
