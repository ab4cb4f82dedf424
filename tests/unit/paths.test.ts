import { describe, expect, it } from 'vitest';
import { dataArg, defaultUserDataDir, resolveDataDir } from '../../main/paths.js';

const linux = { platform: 'linux' as const, homedir: '/home/agent', cwd: '/srv/guichet' };

describe('resolveDataDir', () => {
  it('takes --data DIR first, then --data=DIR, resolved against cwd', () => {
    expect(resolveDataDir(['node', 'cli.ts', '--data', '/tmp/g'], { GUICHET_DATA: '/env' }, linux)).toBe('/tmp/g');
    expect(resolveDataDir(['--data=/tmp/h'], { GUICHET_DATA: '/env' }, linux)).toBe('/tmp/h');
    expect(resolveDataDir(['--data', 'demo'], {}, linux)).toBe('/srv/guichet/demo');
    expect(resolveDataDir(['--data', '/a', '--data=/b'], {}, linux)).toBe('/b');
  });

  it('then GUICHET_DATA, then the fallback, then the platform folder', () => {
    expect(resolveDataDir([], { GUICHET_DATA: '/env/g' }, linux)).toBe('/env/g');
    expect(resolveDataDir([], { GUICHET_DATA: '  ' }, { ...linux, fallback: '/fb' })).toBe('/fb');
    expect(resolveDataDir([], {}, { ...linux, fallback: '/fb' })).toBe('/fb');
    expect(resolveDataDir([], {}, linux)).toBe('/home/agent/.config/Guichet');
  });

  it('ignores what follows --', () => {
    expect(resolveDataDir(['--', '--data', '/x'], {}, linux)).toBe('/home/agent/.config/Guichet');
  });

  it('refuses --data without a folder, in French', () => {
    expect(() => resolveDataDir(['--data'], {}, linux)).toThrow(/L’option --data attend un dossier/);
    expect(() => resolveDataDir(['--data', '--port', '1'], {}, linux)).toThrow(/--data/);
    expect(() => resolveDataDir(['--data='], {}, linux)).toThrow(/--data/);
    expect(dataArg(['--port', '3'])).toBeUndefined();
  });

  it('matches Electron’s userData folder for productName Guichet on each platform', () => {
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\agent\\AppData\\Roaming' }, 'C:\\Users\\agent')).toBe(
      'C:\\Users\\agent\\AppData\\Roaming\\Guichet',
    );
    expect(defaultUserDataDir('win32', {}, 'C:\\Users\\agent')).toBe('C:\\Users\\agent\\AppData\\Roaming\\Guichet');
    expect(defaultUserDataDir('darwin', {}, '/Users/agent')).toBe('/Users/agent/Library/Application Support/Guichet');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/agent')).toBe('/cfg/Guichet');
    expect(defaultUserDataDir('linux', {}, '/home/agent')).toBe('/home/agent/.config/Guichet');
  });

  it('resolves relative Windows folders with Windows rules', () => {
    expect(resolveDataDir(['--data', 'donnees'], {}, { platform: 'win32', homedir: 'C:\\Users\\a', cwd: 'D:\\guichet' })).toBe(
      'D:\\guichet\\donnees',
    );
  });
});
