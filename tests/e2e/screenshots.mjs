// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Takes the review page as a reviewer sees it, at desktop width (1280) and phone width (390),
// into docs/screenshots/review-desktop.png and review-phone.png: a temporary profile with three
// realistic posts, one approved and one with changes requested.
//
//   bash tests/e2e/run-e2e.sh screenshots.mjs build/dev/e2e build/dev/src/cli/cuepoint-cli
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Profile, freePort, launchOptions, loadChromium, makeVideo } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '..', '..', 'docs', 'screenshots');
const chromium = await loadChromium();
const port = await freePort();
const profile = await Profile.create(`[review]\nbindAddress=127.0.0.1\nport=${port}\n`);
let browser;
try {
  const colors = [['0xff7a59', '0x5b2a86'], ['0x1fa2ff', '0x12d8fa'], ['0xf7b733', '0xfc4a1a']];
  const videos = await Promise.all(colors.map(([c0, c1], i) => makeVideo(path.join(profile.root, `clip${i}.mp4`), {
    source: `gradients=s=1080x1920:r=30:c0=${c0}:c1=${c1}:x0=0:y0=0:x1=1080:y1=1920:speed=0.02`, seconds: 4,
  })));
  const account = (await profile.connectSandboxAccount()).username;
  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  const posts = [
    ['09:00', 'Spring menu drop: the lavender oat latte is back for six weeks only. Which one are you trying first? #coffee #springmenu'],
    ['12:30', 'Behind the bar with Sam: how we pull a ristretto in 18 seconds #baristalife'],
    ['18:00', 'Giveaway! Tag a friend you would share a bag of our Ethiopia Guji with. Winners on Friday!'],
  ];
  const ids = [];
  for (let i = 0; i < posts.length; ++i) {
    const [time, caption] = posts[i];
    const post = JSON.parse(await profile.cli('schedule', '--video', videos[i], '--at', `${tomorrow}T${time}`,
      '--tz', 'Europe/Paris', '--account', account, '--privacy', 'FOLLOWER_OF_CREATOR', '--caption', caption,
      '--cover-ms', '2000', '--json'));
    ids.push(post.id);
  }
  const link = (await profile.cli('share', '--account', account, '--label', 'ACME Coffee — spring campaign')).trim();
  await profile.start(['run'], /Review links are served on/);

  browser = await chromium.launch(launchOptions());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  await page.goto(link);
  await page.fill('#reviewer-name', 'Dana Whitfield');
  await page.locator(`#post-${ids[0]} button[data-decision="approve"]`).click();
  await page.locator(`#post-${ids[0]} .status`, { hasText: 'Approved' }).waitFor();
  await page.locator(`#post-${ids[1]} textarea`).fill('Love it — could the first two seconds show the cup instead of the grinder?');
  await page.locator(`#post-${ids[1]} button[data-decision="changes"]`).click();
  await page.locator(`#post-${ids[1]} .status`, { hasText: 'Sent' }).waitFor();
  await page.reload();
  // Videos load only when played (preload="none"); headless chromium keeps a loading spinner on
  // them until then, so load each and stop on its cover frame (2 s) as a reviewer would.
  const settle = (p) => p.evaluate(() => Promise.all(Array.from(document.querySelectorAll('video')).map(async (v) => {
    v.muted = true;
    await v.play();
    v.pause();
    await new Promise((resolve) => { v.addEventListener('seeked', resolve, { once: true }); v.currentTime = 2; });
  })));
  await settle(page);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(out, 'review-desktop.png'), fullPage: true });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB', timezoneId: 'Europe/London' });
  const phonePage = await phone.newPage();
  await phonePage.goto(link);
  await settle(phonePage);
  await phonePage.waitForLoadState('networkidle');
  // The first screen, as the phone shows it.
  await phonePage.screenshot({ path: path.join(out, 'review-phone.png') });
  console.log('wrote', path.join(out, 'review-desktop.png'), 'and review-phone.png');
} finally {
  if (browser) await browser.close().catch(() => {});
  await profile.cleanUp();
}
