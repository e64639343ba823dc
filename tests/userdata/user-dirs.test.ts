/**
 * One library per user: where the library and the cache live on each OS (a pure function of platform,
 * environment and home, so every OS is tested here), where earlier versions kept it, and that the CLI,
 * browser mode and the desktop app name the same file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopPaths } from '../../src-main/electron/app-files.js';
import { packageRoot } from '../../src-main/paths.js';
import { parseWebArgs } from '../../src-main/server/web-args.js';
import { oldLibraryLocations } from '../../src-main/userdata/old-libraries.js';
import { APP_DIR_NAME, userDirs } from '../../src-main/userdata/user-dirs.js';

describe('userDirs', () => {
  it('Linux: the XDG data and cache folders, defaulting to ~/.local/share and ~/.cache', () => {
    expect(userDirs({ platform: 'linux', env: {}, home: '/home/ada' })).toEqual({
      dataDir: '/home/ada/.local/share/InfinityMATH Studio',
      cacheDir: '/home/ada/.cache/InfinityMATH Studio',
      database: '/home/ada/.local/share/InfinityMATH Studio/library.sqlite',
    });
    expect(userDirs({ platform: 'linux', env: { XDG_DATA_HOME: '/data/ada', XDG_CACHE_HOME: '/fast/cache' }, home: '/home/ada' })).toEqual({
      dataDir: '/data/ada/InfinityMATH Studio',
      cacheDir: '/fast/cache/InfinityMATH Studio',
      database: '/data/ada/InfinityMATH Studio/library.sqlite',
    });
    // The XDG spec: a relative (or empty) value is ignored.
    expect(userDirs({ platform: 'linux', env: { XDG_DATA_HOME: 'relative/dir', XDG_CACHE_HOME: '' }, home: '/home/ada' }).dataDir).toBe('/home/ada/.local/share/InfinityMATH Studio');
    expect(userDirs({ platform: 'freebsd', env: {}, home: '/usr/home/ada' }).dataDir).toBe('/usr/home/ada/.local/share/InfinityMATH Studio');
  });

  it('macOS: Application Support and Caches under ~/Library (XDG_DATA_HOME is not a macOS convention)', () => {
    expect(userDirs({ platform: 'darwin', env: { XDG_DATA_HOME: '/Users/ada/.xdg' }, home: '/Users/ada' })).toEqual({
      dataDir: '/Users/ada/Library/Application Support/InfinityMATH Studio',
      cacheDir: '/Users/ada/Library/Caches/InfinityMATH Studio',
      database: '/Users/ada/Library/Application Support/InfinityMATH Studio/library.sqlite',
    });
  });

  it('Windows: %APPDATA% for the library and %LOCALAPPDATA% for the cache, with their defaults under the profile', () => {
    expect(userDirs({ platform: 'win32', env: { APPDATA: 'D:\\Profiles\\ada\\Roaming', LOCALAPPDATA: 'D:\\Profiles\\ada\\Local' }, home: 'C:\\Users\\ada' })).toEqual({
      dataDir: 'D:\\Profiles\\ada\\Roaming\\InfinityMATH Studio',
      cacheDir: 'D:\\Profiles\\ada\\Local\\InfinityMATH Studio\\Cache',
      database: 'D:\\Profiles\\ada\\Roaming\\InfinityMATH Studio\\library.sqlite',
    });
    expect(userDirs({ platform: 'win32', env: {}, home: 'C:\\Users\\ada' })).toEqual({
      dataDir: 'C:\\Users\\ada\\AppData\\Roaming\\InfinityMATH Studio',
      cacheDir: 'C:\\Users\\ada\\AppData\\Local\\InfinityMATH Studio\\Cache',
      database: 'C:\\Users\\ada\\AppData\\Roaming\\InfinityMATH Studio\\library.sqlite',
    });
  });

  it('INFINITYMATH_DATA_DIR moves the library folder on every OS; an explicit XDG_CACHE_HOME moves the cache on every OS', () => {
    for (const [platform, home, dir] of [
      ['linux', '/home/ada', '/media/usb/library'],
      ['darwin', '/Users/ada', '/Volumes/usb/library'],
      ['win32', 'C:\\Users\\ada', 'E:\\library'],
    ] as const) {
      const dirs = userDirs({ platform, env: { INFINITYMATH_DATA_DIR: dir, XDG_CACHE_HOME: platform === 'win32' ? 'E:\\cache' : '/tmp/cache' }, home });
      expect(dirs.dataDir).toBe(dir);
      expect(dirs.database.startsWith(dir)).toBe(true);
      expect(dirs.cacheDir).toBe(platform === 'win32' ? 'E:\\cache\\InfinityMATH Studio' : '/tmp/cache/InfinityMATH Studio');
    }
  });

  it('uses one folder name, the product name, everywhere', () => {
    expect(APP_DIR_NAME).toBe('InfinityMATH Studio');
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { productName?: string };
    expect(pkg.productName).toBe(APP_DIR_NAME);
  });
});

describe('oldLibraryLocations', () => {
  it('Linux: the packaged app’s and npm start’s Electron folders, and the old CLI default', () => {
    expect(oldLibraryLocations({ platform: 'linux', env: {}, home: '/home/ada' })).toEqual([
      '/home/ada/.config/InfinityMATH Studio/library.sqlite',
      '/home/ada/.config/infinitymath-studio/library.sqlite',
      '/home/ada/.local/share/infinitymath-studio/library.sqlite',
    ]);
    expect(oldLibraryLocations({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg', XDG_DATA_HOME: '/data' }, home: '/home/ada' })).toEqual([
      '/cfg/InfinityMATH Studio/library.sqlite',
      '/cfg/infinitymath-studio/library.sqlite',
      '/data/infinitymath-studio/library.sqlite',
    ]);
  });

  it('macOS: the packaged app already used today’s folder, so only npm start’s and the old CLI default remain', () => {
    expect(oldLibraryLocations({ platform: 'darwin', env: {}, home: '/Users/ada' })).toEqual([
      '/Users/ada/Library/Application Support/infinitymath-studio/library.sqlite',
      '/Users/ada/.local/share/infinitymath-studio/library.sqlite',
    ]);
  });

  it('Windows: likewise, with the old CLI default under the profile', () => {
    expect(oldLibraryLocations({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, home: 'C:\\Users\\ada' })).toEqual([
      'C:\\Users\\ada\\AppData\\Roaming\\infinitymath-studio\\library.sqlite',
      'C:\\Users\\ada\\.local\\share\\infinitymath-studio\\library.sqlite',
    ]);
  });
});

describe('the CLI, browser mode and the desktop app', () => {
  it('open the same library for the same user', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'im-one-library-'));
    try {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: path.join(packageRoot(), '.cache') };
      const where = { platform: process.platform, env, home };
      const expected = userDirs(where).database;
      // The CLI, as a user runs it, with no --db and no INFINITYMATH_DB: it creates its library.
      const cli = spawnSync(process.execPath, [path.join(packageRoot(), 'dist', 'cli.mjs'), 'list', '--limit', '1', '--json'], { env, encoding: 'utf8', timeout: 60_000 });
      expect(cli.stderr).toBe('');
      expect(cli.status).toBe(0);
      expect(fs.existsSync(expected)).toBe(true);
      if (process.platform === 'linux') expect(expected).toBe(path.join(home, '.local', 'share', 'InfinityMATH Studio', 'library.sqlite'));
      // The desktop app and browser mode name the same file for the same environment.
      expect(desktopPaths(where).dbPath).toBe(expected);
      expect(parseWebArgs([], {}).dbPath).toBe(userDirs({ platform: process.platform, env: process.env, home: os.homedir() }).database);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
