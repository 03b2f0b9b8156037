import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';

/** What the browser tests check of the AI panel's 2-D overlay preview (web/src/staff/shared/ai/OverlayPreview.tsx). */

/** Waits until the image has been fetched and decoded; answers its natural width. */
export async function loadedWidth(img: Locator): Promise<number> {
  const handle = await img.elementHandle();
  await img.page().waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, handle);
  return img.evaluate((el) => (el as HTMLImageElement).naturalWidth);
}

/**
 * The overlay preview of a finished analysis: the picture loads, and the slice buttons step
 * through the slices with findings (first, then the next), the picture following. Answers how
 * many finding slices there are.
 */
export async function stepsThroughOverlay(analysis: Locator, pipeline: RegExp, width: number | null): Promise<number> {
  const overlay = analysis.getByRole('region', { name: '영상 위 AI 분할 (2D)' });
  const picture = overlay.getByRole('img', { name: /^AI 분할 겹쳐 보기: / });
  await picture.waitFor({ timeout: 30_000 });
  assert.match(await picture.getAttribute('alt') ?? '', pipeline);
  const natural = await loadedWidth(picture);
  if (width !== null) assert.equal(natural, width);
  const counter = overlay.getByTestId('overlay-slice');
  const previous = overlay.getByRole('button', { name: '이전 소견 슬라이스' });
  const next = overlay.getByRole('button', { name: '다음 소견 슬라이스' });
  while (await previous.isEnabled()) await previous.click();
  await counter.filter({ hasText: /소견 슬라이스 1 \/ \d+/ }).waitFor();
  const [, first, total, count] = /슬라이스 (\d+) \/ (\d+) · 소견 슬라이스 1 \/ (\d+)/.exec(await counter.innerText())!;
  assert.ok(Number(count) >= 2, `a nodule spans several slices (${count})`);
  await overlay.getByRole('img', { name: new RegExp(`슬라이스 ${first}/${total},`) }).waitFor();
  await next.click();
  const second = Number(first) + 1;
  await counter.filter({ hasText: `슬라이스 ${second} / ${total} · 소견 슬라이스 2 / ${count}` }).waitFor();
  const followed = overlay.getByRole('img', { name: new RegExp(`슬라이스 ${second}/${total},`) });
  await followed.waitFor();
  assert.ok(await loadedWidth(followed) > 0);
  assert.equal(await previous.isEnabled(), true);
  return Number(count);
}
