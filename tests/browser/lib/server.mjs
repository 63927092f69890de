// A small static file server for the built site, on 127.0.0.1 and a free port. It answers like a
// plain web server would: `/x/` is `/x/index.html`, `/x` redirects to `/x/` when x is a folder,
// anything else is the site's 404 page with status 404. Paths never leave the site folder.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDir(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Starts serving `root`; resolves to `{ url, close }`. */
export async function serve(root) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const path = resolve(join(base, pathname));
    if (path !== base && !path.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    let file = pathname.endsWith('/') ? join(path, 'index.html') : path;
    if (!pathname.endsWith('/') && (await isDir(path))) {
      response.writeHead(301, { Location: `${pathname}/` }).end();
      return;
    }
    let status = 200;
    if (!(await isFile(file))) {
      status = 404;
      file = join(base, '404.html');
    }
    const body = await readFile(file).catch(() => Buffer.from('not found'));
    response.writeHead(status, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}
