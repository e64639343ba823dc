/**
 * A running server on a random port over a temp directory laid out like dist/: `static/` holds a tiny
 * renderer; next to it sit files that must never be served (a `package.json`, a sibling directory whose
 * name starts with "static", and a symlink inside `static/` pointing out).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWebServer, type WebServer, type WebServerOptions } from '../../src-main/server/web-server.js';
import { FakeContext } from './fake-context.js';

export const INDEX_HTML = '<!doctype html><html><head><script type="module" src="/app.js"></script></head><body>fixture</body></html>\n';
export const APP_JS = 'console.log("fixture app");\n';
export const SECRET = '{"name":"secret-outside-static"}\n';

export interface Fixture {
  server: WebServer;
  ctx: FakeContext;
  dir: string;
  staticDir: string;
  /** Headers that pass every check: our Host is set by node:http, plus the token header. */
  auth: Record<string, string>;
  cleanup(): Promise<void>;
}

export function makeStaticTree(): { dir: string; staticDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-web-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(staticDir, 'app.js'), APP_JS);
  fs.writeFileSync(path.join(staticDir, 'assets', 'style.css'), 'body { color: black; }\n');
  fs.writeFileSync(path.join(staticDir, 'assets', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
  fs.writeFileSync(path.join(staticDir, 'assets', 'data.json'), '{"a":1}\n');
  fs.writeFileSync(path.join(staticDir, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  fs.writeFileSync(path.join(staticDir, 'assets', 'mod.wasm'), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  fs.writeFileSync(path.join(dir, 'package.json'), SECRET);
  fs.mkdirSync(path.join(dir, 'static-evil'));
  fs.writeFileSync(path.join(dir, 'static-evil', 'x.txt'), SECRET);
  fs.symlinkSync(path.join(dir, 'package.json'), path.join(staticDir, 'link.json'));
  return { dir, staticDir };
}

export async function startFixture(extra: Partial<WebServerOptions> = {}): Promise<Fixture> {
  const { dir, staticDir } = makeStaticTree();
  const ctx = new FakeContext();
  const server = await startWebServer({ ctx, staticDir, ...extra });
  return {
    server,
    ctx,
    dir,
    staticDir,
    auth: { 'x-im-token': server.token },
    cleanup: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
