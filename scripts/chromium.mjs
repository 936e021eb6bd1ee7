// Launches Debian's Chromium (installed by `scripts/setup.sh --browser`) with
// playwright-core, for the end-to-end tests:
//
//   import { launch } from '../../scripts/chromium.mjs';
//   const browser = await launch();
//   const page = await browser.newPage();
//   ...
//   await browser.close();
//
// Never run `playwright install`: it downloads browsers from hosts this
// project cannot reach. CHROMIUM=/path/to/chrome picks another binary.

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

// --no-sandbox: tests run as root in CI. The background-networking flags keep
// Chromium from reaching out to the network, which misbehaves when it is
// closed (as on CI). --enable-unsafe-swiftshader keeps WebGL2 in software
// (SwiftShader) for the WebGL renderer's tests and benchmark: headless
// Chromium 156 offers it anyway, later versions only with this flag.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * @param {import('playwright-core').LaunchOptions} [options] merged over the
 *   defaults; `args` are added to CHROMIUM_ARGS.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launch(options = {}) {
  const { chromium } = await import('playwright-core');
  const { args = [], ...rest } = options;
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...rest,
    args: [...CHROMIUM_ARGS, ...args],
  });
}
