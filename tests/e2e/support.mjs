// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the browser tests and the screenshot script: a temporary profile driven through the
// real cuepoint-cli, on the built-in sandbox.
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';

export const run = promisify(execFile);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function loadChromium() {
  const modules = process.env.CUEPOINT_E2E_MODULES;
  assert.ok(process.env.CUEPOINT_CLI && modules, 'run through run-e2e.sh (CUEPOINT_CLI, CUEPOINT_E2E_MODULES)');
  const { chromium } = await import(pathToFileURL(path.join(modules, 'playwright-core', 'index.mjs')).href);
  return chromium;
}

export function launchOptions() {
  return {
    executablePath: process.env.CUEPOINT_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // As root (CI) chromium needs --no-sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/// A temporary profile with its settings, and cuepoint-cli run on it.
export class Profile {
  static async create(settings) {
    const p = new Profile();
    p.root = await mkdtemp(path.join(tmpdir(), 'cuepoint-e2e-'));
    p.dir = path.join(p.root, 'profile');
    p.env = { ...process.env, CUEPOINT_TOKEN_STORE: 'file', TZ: 'Europe/Paris' };
    for (const name of ['CUEPOINT_TIKTOK_CLIENT_KEY', 'CUEPOINT_TIKTOK_CLIENT_SECRET',
      'CUEPOINT_TIKTOK_API_BASE', 'CUEPOINT_TIKTOK_AUTH_URL', 'CUEPOINT_PROFILE']) {
      delete p.env[name];
    }
    p.children = [];
    await mkdir(p.dir, { recursive: true, mode: 0o700 });
    await writeFile(path.join(p.dir, 'settings.ini'), settings);
    return p;
  }

  async cli(...args) {
    const { stdout } = await run(process.env.CUEPOINT_CLI, ['--profile', this.dir, ...args],
      { env: this.env, timeout: 60000 });
    return stdout;
  }

  /// Starts cuepoint-cli; resolves once @p pattern appears on its standard output.
  start(args, pattern) {
    const child = spawn(process.env.CUEPOINT_CLI, ['--profile', this.dir, ...args],
      { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.push(child);
    let out = '';
    let err = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${pattern}" from ${args[0]}: ${out} ${err}`)), 30000);
      child.stderr.on('data', (d) => { err += d; });
      child.stdout.on('data', (d) => {
        out += d;
        const m = out.match(pattern);
        if (m) {
          clearTimeout(timer);
          resolve({ child, match: m, output: () => out, errors: () => err });
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${args[0]} exited with ${code}: ${out} ${err}`));
      });
    });
  }

  static stop(child) {
    if (child.exitCode !== null) return Promise.resolve();
    child.kill('SIGTERM');
    return new Promise((resolve) => child.once('exit', resolve));
  }

  /// Connects the sandbox's creator as a user would (the sandbox's page approves at once).
  async connectSandboxAccount() {
    const connect = await this.start(['account', 'connect', '--no-browser', '--timeout', '60'],
      /Open this URL to authorize: (\S+)/);
    const authorized = await fetch(connect.match[1], { redirect: 'follow' });
    assert.ok(authorized.ok, `authorize: ${authorized.status}`);
    await new Promise((resolve, reject) => {
      if (connect.child.exitCode !== null) {
        connect.child.exitCode === 0 ? resolve() : reject(new Error('connect failed'));
        return;
      }
      connect.child.removeAllListeners('exit');
      connect.child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`connect: ${code} ${connect.errors()}`))));
    });
    const accounts = JSON.parse(await this.cli('account', 'list', '--json'));
    assert.equal(accounts.length, 1);
    return accounts[0];
  }

  async cleanUp() {
    await Promise.all(this.children.map((c) => Profile.stop(c)));
    if (process.env.CUEPOINT_E2E_KEEP) {
      console.log('kept', this.root);
    } else {
      await rm(this.root, { recursive: true, force: true });
    }
  }
}

/// A video made with ffmpeg: 1080x1920 H.264 30 fps with AAC, @p seconds long, from @p source
/// (a lavfi video source).
export async function makeVideo(file, { source = 'testsrc2=s=1080x1920:r=30', seconds = 5 } = {}) {
  await run('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `${source}:d=${seconds}`, '-f', 'lavfi', '-i', `sine=f=440:r=48000:d=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '30',
    '-c:a', 'aac', '-shortest', '-movflags', '+faststart', file], { timeout: 120000 });
  return file;
}
