import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { closeServer, listen, SHARED_PUBLIC_DIR, serveStatic } from '@authenkit-examples/shared/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const OWN = fileURLToPath(new URL('./', import.meta.url)); // a stand-in for an example's public/

describe('serveStatic with the shared public directory', () => {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (await serveStatic(res, [OWN, SHARED_PUBLIC_DIR], path)) return;
    res.writeHead(404).end();
  });
  let url: string;
  beforeAll(async () => {
    url = await listen(server, 0, '127.0.0.1');
  });
  afterAll(() => closeServer(server));

  it('serves base.css from the shared directory when the example has no such file', async () => {
    const r = await fetch(new URL('base.css', url));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toBe(readFileSync(new URL('../public/base.css', import.meta.url), 'utf8'));
  });

  it('refuses unknown types, missing files and paths outside the roots', async () => {
    expect((await fetch(new URL('http.test.ts', url))).status).toBe(404); // .ts is not a served type
    expect((await fetch(new URL('missing.css', url))).status).toBe(404);
    expect((await fetch(`${url}%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${url}..%2f..%2fpublic%2fbase.css`)).status).toBe(404);
  });
});
