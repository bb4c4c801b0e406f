import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { useTestApp } from './test-app';

/** The one port serves the web app too: its files, and index.html for the app's own routes, never over the API. */
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'grid-web-'));
fs.mkdirSync(path.join(webDist, 'assets'));
fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><div id="root"></div>');
fs.writeFileSync(path.join(webDist, 'assets', 'app.js'), 'console.log("app")');
fs.writeFileSync(path.join(webDist, 'sw.js'), 'self.addEventListener("fetch", () => undefined)');
// A file named like an API path must not shadow the API.
fs.mkdirSync(path.join(webDist, 'api'));
fs.writeFileSync(path.join(webDist, 'api', 'health'), 'shadow');

describe('serving the web app', () => {
  const ctx = useTestApp({ WEB_DIST: webDist });
  afterAll(() => fs.rmSync(webDist, { recursive: true, force: true }));

  it('serves the built files with a cache lifetime', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.text).toContain('console.log');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('serves the service worker revalidated each time, so a new version is found at once', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/', '/track/abc123', '/desk/cases/42'])('answers the app route %s with index.html, revalidated each time', async (url) => {
    const res = await request(ctx.app.getHttpServer()).get(url);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('leaves API paths to the API, even where a file of that name exists', async () => {
    const health = await request(ctx.app.getHttpServer()).get('/api/health');
    expect(health.text).not.toBe('shadow');
    expect(health.headers['content-type']).toMatch(/json/);
    const unknown = await request(ctx.app.getHttpServer()).get('/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/json/);
  });
});
