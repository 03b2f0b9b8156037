import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (TECH-NOTES: never a browser download); CDSS_CHROMIUM overrides the path. */
const EXECUTABLE = process.env.CDSS_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: EXECUTABLE,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // WebGL without a GPU (the 3-D view): SwiftShader, as TECH-NOTES found for the OHIF viewer.
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    ],
  });
}

/** A fresh context (own storage, like another person's browser), Korean, phone or desktop size. */
export async function newContext(browser: Browser, baseURL: string, options: { phone?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1366, height: 900 },
  });
}

/** Signs in on a login page by its labels, as a person would. */
export async function signIn(page: Page, loginPath: string, fields: Record<string, string>, submit = /로그인/): Promise<void> {
  await page.goto(loginPath);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: submit }).click();
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
/**
 * Where screenshots go: test-results/screenshots (ignored by git) on every run, so `npm test`
 * leaves the tree clean; `npm run screenshots` points this at docs/screenshots (shown in the README).
 */
const SCREENSHOTS = path.resolve(ROOT, process.env.CDSS_SCREENSHOTS_DIR ?? 'test-results/screenshots');

/** Saves a full-page screenshot (see SCREENSHOTS). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Collects uncaught page errors and console errors (a broken screen, not just a missing word). The
 * browser's own log line for a 4xx answer is not one: refusing bad input is the server's job.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) errors.push(`console: ${msg.text()}`); });
  return errors;
}

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: string[] }

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it stands and answers the violations of
 * impact serious or critical, each with the selectors of the offending elements. The engine is
 * evaluated through the DevTools protocol, so the pages' own CSP stays as it is.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}
