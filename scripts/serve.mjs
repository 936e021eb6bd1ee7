// A static file server with no dependencies, for development and tests.
//
//   node scripts/serve.mjs [folder]     serves the folder (default: the repo
//                                       root) on PORT (default 8080)
//
//   import { serve } from './scripts/serve.mjs';
//   const server = await serve({ root, port: 0 });   // 0: any free port
//   ... fetch(server.url + 'index.html') ...
//   await server.close();
//
// Files only, never outside the root: the built site is static, so anything a
// static host serves must work here too.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function send(res, status, message, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : `${status} ${message}\n`);
}

function inside(root, path) {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

async function handle(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'Bad Request');
  }
  if (pathname.includes('\0')) return send(res, 400, 'Bad Request');

  // The URL parser already resolves "..", but encoded separators (%2F, %5C)
  // survive it: resolve again and refuse anything that leaves the root, also
  // through a symbolic link.
  let file = resolve(root, `.${sep}${pathname.replace(/^[/\\]+/, '')}`);
  if (!inside(root, file)) return send(res, 403, 'Forbidden');

  let info;
  try {
    file = await realpath(file);
    if (!inside(root, file)) return send(res, 403, 'Forbidden');
    info = await stat(file);
    if (info.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const url = new URL(req.url, 'http://localhost');
        return send(res, 301, 'Moved Permanently', { Location: `${url.pathname}/${url.search}` });
      }
      file = join(file, 'index.html');
      info = await stat(file);
    }
  } catch {
    return send(res, 404, 'Not Found');
  }
  if (!info.isFile()) return send(res, 404, 'Not Found');

  res.writeHead(200, {
    'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // A sandbox="allow-scripts" iframe has an opaque origin: the embed's
    // module scripts and .wasm are then fetched with CORS.
    'Access-Control-Allow-Origin': '*',
  });
  if (req.method === 'HEAD') return res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Serves the files under `root` over HTTP.
 * @param {{ root?: string, port?: number, host?: string }} [options]
 *   root defaults to the repository root; port 0 picks any free port.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 *   url ends with '/'.
 */
export async function serve({ root = REPO_ROOT, port = 0, host = '127.0.0.1' } = {}) {
  const realRoot = await realpath(resolve(root));
  const server = createServer((req, res) => {
    handle(realRoot, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actual = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actual}/`,
    port: actual,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections?.();
      }),
  };
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runDirectly) {
  const root = resolve(process.argv[2] ?? REPO_ROOT);
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  try {
    const { port: actual } = await serve({ root, port, host });
    const shown = host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host;
    console.log(`lockstep: serving ${root} at http://${shown}:${actual}/ (Ctrl+C stops)`);
  } catch (err) {
    if (err.code === 'EADDRINUSE') {
      console.error(`lockstep: port ${port} is in use; try PORT=8081 npm start (or npm run serve)`);
    } else {
      console.error(`lockstep: cannot serve ${root}: ${err.message}`);
    }
    process.exit(1);
  }
}
