/** Test helpers: write a small Apps Script project to a temp dir and load it in an Emulator. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Emulator, type EmulatorOptions } from '../../dev/emulator';

export const ALL_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.send_mail',
  'https://www.googleapis.com/auth/script.scriptapp',
  'https://www.googleapis.com/auth/userinfo.email',
];

export interface ProjectFiles {
  /** Contents of Code.js. */
  code: string;
  /** appsscript.json; default: V8, America/Chicago, ALL_SCOPES. `null` writes no manifest. */
  manifest?: object | null;
  /** Other files, e.g. { 'Sidebar.html': '...' }. */
  files?: Record<string, string>;
}

export function writeProject(p: ProjectFiles): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-test-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), p.code);
  const manifest =
    p.manifest === undefined
      ? { timeZone: 'America/Chicago', runtimeVersion: 'V8', oauthScopes: ALL_SCOPES }
      : p.manifest;
  if (manifest) fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(p.files ?? {})) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

export function emulate(p: ProjectFiles | string, opts: EmulatorOptions = {}): Emulator {
  const files = typeof p === 'string' ? { code: p } : p;
  return new Emulator({ now: new Date('2026-09-08T15:00:00Z'), ...opts }).load(writeProject(files));
}

export const OWNER = 'owner@district.example.org';
export const TEACHER = 'teacher@district.example.org';
