// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Review links end to end, in a real headless browser: a temporary profile on the built-in
// sandbox with "approval required" on, two automatic posts scheduled a minute ahead with a real
// 1080x1920 H.264/AAC video, a link made with `cuepoint-cli share`, `cuepoint-cli run` serving
// it; in chromium the video plays and seeks, one post is approved and changes are requested on
// the other; then the approved post is published by the sandbox and the other is held.
//
// Run by run-e2e.sh (CTest: ReviewLinks.E2E), which provides:
//   CUEPOINT_CLI, CUEPOINT_CHROMIUM, CUEPOINT_E2E_MODULES (node_modules with playwright-core).
import path from 'node:path';
import assert from 'node:assert/strict';
import { Profile, freePort, launchOptions, loadChromium, makeVideo, sleep } from './support.mjs';

const chromium = await loadChromium();
const started = Date.now();
const log = (...what) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s]`, ...what);

const reviewPort = await freePort();
// The profile: approval required, the review server on a free port.
const profile = await Profile.create(
  `[publishing]\napprovalRequired=true\n\n[review]\nbindAddress=127.0.0.1\nport=${reviewPort}\n`);
let browser;

try {
  // --- a real test video: 1080x1920 H.264, 30 fps, 5 s, AAC --------------------------------
  const video = await makeVideo(path.join(profile.root, 'clip.mp4'));
  log('video generated');

  // --- a sandbox account, connected as a user would --------------------------------------------
  const account = (await profile.connectSandboxAccount()).username;
  log('account connected:', account);

  // --- two automatic posts a minute ahead ----------------------------------------------------
  const due = new Date(Date.now() + 60000);
  due.setUTCMilliseconds(0);
  const at = due.toISOString().replace('.000Z', 'Z');
  const schedule = async (caption) => JSON.parse(await profile.cli('schedule', '--video', video,
    '--at', at, '--account', account, '--privacy', 'SELF_ONLY', '--caption', caption,
    '--cover-ms', '1000', '--json'));
  const approved = await schedule('Launch teaser <b>one</b> #cuepoint');
  const changed = await schedule('Behind the scenes "two" #cuepoint');
  log('scheduled posts', approved.id, 'and', changed.id, 'at', at);

  // --- the review link and the publisher serving it -----------------------------------------
  const link = (await profile.cli('share', '--account', account, '--label', 'E2E client')).trim();
  assert.match(link, new RegExp(`^http://127\\.0\\.0\\.1:${reviewPort}/r/[0-9a-f]{32}$`));
  const publisher = await profile.start(['run'], /Review links are served on/);
  log('cuepoint-cli run is serving review links');

  // --- the reviewer, in chromium --------------------------------------------------------------
  browser = await chromium.launch(launchOptions());
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`); });
  page.on('request', (r) => {
    if (!r.url().startsWith(`http://127.0.0.1:${reviewPort}/`)) problems.push(`request to another host: ${r.url()}`);
  });
  const response = await page.goto(link);
  assert.equal(response.status(), 200);
  assert.equal(await page.locator('article.post').count(), 2);
  const cardA = page.locator(`#post-${approved.id}`);
  const cardB = page.locator(`#post-${changed.id}`);
  // The caption is text, not markup.
  assert.equal(await cardA.locator('.caption').textContent(), 'Launch teaser <b>one</b> #cuepoint');
  assert.equal(await cardA.locator('.caption b').count(), 0);

  // The video plays (its time advances) and seeks (Range requests).
  await cardA.locator('video').evaluate((v) => { v.muted = true; return v.play(); });
  await page.waitForFunction((sel) => document.querySelector(sel).currentTime > 0.5,
    `#post-${approved.id} video`, { timeout: 20000 });
  const seeked = await cardA.locator('video').evaluate((v) => new Promise((resolve) => {
    v.pause();
    v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
    v.currentTime = 4;
  }));
  assert.ok(Math.abs(seeked - 4) < 0.5, `seeked to ${seeked}`);
  log('video played and seeked');

  // The decisions.
  await page.fill('#reviewer-name', 'Dana Reviewer');
  await cardA.locator('button[data-decision="approve"]').click();
  await cardA.locator('.status', { hasText: 'Approved' }).waitFor({ timeout: 10000 });
  await cardB.locator('textarea').fill('Please shorten the intro </textarea><script>x</script>');
  await cardB.locator('button[data-decision="changes"]').click();
  await cardB.locator('.status', { hasText: 'Sent' }).waitFor({ timeout: 10000 });
  assert.equal(await cardA.locator('[data-role="approval"]').textContent(), 'Approved');
  assert.equal(await cardB.locator('[data-role="approval"]').textContent(), 'Changes requested');
  log('approved one post, asked for changes on the other');

  // Stored: a reload shows both decisions from the database, and the name was remembered.
  await page.reload();
  assert.equal(await page.inputValue('#reviewer-name'), 'Dana Reviewer');
  assert.match(await cardA.locator('.fb-list').textContent(), /Dana Reviewer\s+approved/);
  assert.equal(await cardB.locator('.fb-comment').textContent(),
    'Please shorten the intro </textarea><script>x</script>');
  let posts = [];
  const find = (id) => posts.find((p) => p.id === id);
  assert.deepEqual(problems, [], 'no script errors, no request to another host');

  // --- the publisher: the approved post goes out, the other is held by the approval gate ----
  // Watched on the review page while `run` runs; the CLI reads the database once it stopped.
  const deadline = Date.now() + Number(process.env.CUEPOINT_E2E_PUBLISH_TIMEOUT_MS || 120000);
  const stateOf = (card) => card.locator('.profile .badge').first().textContent();
  for (;;) {
    await page.reload();
    const a = await stateOf(cardA);
    const b = await stateOf(cardB);
    if (a === 'Published' && b === 'Waiting for approval') break;
    assert.ok(!['Failed', 'On hold', 'Unconfirmed'].includes(a), `approved post: ${a}`);
    assert.notEqual(b, 'Published', 'a post with changes requested must not be published');
    if (Date.now() > deadline) {
      assert.fail(`timed out: approved post ${a}, other ${b}\n${publisher.output()}\n${publisher.errors()}`);
    }
    await sleep(1000);
  }
  assert.equal(await cardA.locator('button[data-decision]').count(), 0, 'no buttons once published');
  await Profile.stop(publisher.child);
  posts = JSON.parse(await profile.cli('list', '--json'));
  assert.equal(find(approved.id).targets[0].state, 'published');
  assert.equal(find(approved.id).approval, 'approved');
  assert.equal(find(changed.id).targets[0].state, 'awaiting_approval');
  assert.equal(find(changed.id).approval, 'changes_requested');
  log('the approved post is published; the other waits for approval');
  console.log('PASS review links end to end');
} finally {
  if (browser) await browser.close().catch(() => {});
  await profile.cleanUp();
}
