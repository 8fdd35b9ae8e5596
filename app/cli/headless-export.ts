// `mfgw export` without a window: the viewer's services (main/viewer.ts: runs and export, no solver)
// on a private loopback server, the built renderer in headless Chromium (playwright-core), and the
// page's automation hook running the same export code as the dialog. Rendering needs a browser (canvas, WebGL, WebCodecs); the files are
// still written by this process's ExportService.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appError, err, ok, type Result } from '../contract/index.js';
import type { Logger } from '../rpc/logger.js';
import type { ExportOutcome, ExportRequest } from '../figure/export-request.js';
import { startWebServer } from '../server/index.js';
import { errorMessage } from '../../main/files.js';
import { rendererDirectory } from '../../main/paths.js';
import { createViewer } from '../../main/viewer.js';

/** Headless, software WebGL (SwiftShader) for the 3D views, quiet (no background networking). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu', '--enable-unsafe-swiftshader'];

export interface HeadlessExport {
  readonly runDirectory: string;
  readonly request: ExportRequest;
  readonly chromium: string;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  readonly staticDir?: string;
}

interface PageAutomation {
  openRun(runId: string): Promise<string>;
  views(): { id: string; title: string; levels: number }[];
  export(request: ExportRequest): Promise<Result<ExportOutcome>>;
}

/** How long Chromium may take to start and the page to be ready: generous, because a busy machine is slow, not broken. */
const PAGE_WAIT_MS = 180_000;

type Browser = Awaited<ReturnType<typeof import('playwright-core').chromium.launch>>;

async function launch(chromium: string): Promise<Result<Browser>> {
  if (!existsSync(chromium)) {
    return err(appError('unsupported', `rendering a view needs Chromium, not found at ${chromium}: install it (apt-get install chromium) or pass --chromium PATH (or set MFGW_CHROMIUM)`));
  }
  try {
    const { chromium: driver } = await import('playwright-core');
    return ok(await driver.launch({ executablePath: chromium, args: CHROMIUM_ARGS, timeout: PAGE_WAIT_MS }));
  } catch (error) {
    return err(appError('unsupported', `Chromium (${chromium}) could not start: ${errorMessage(error)}`));
  }
}

/** Opens the run in the page and runs the export there. */
async function exportInPage(browser: Browser, url: string, runId: string, request: ExportRequest): Promise<Result<ExportOutcome>> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as { mfgwAutomation?: unknown }).mfgwAutomation !== undefined, undefined, { timeout: PAGE_WAIT_MS });
  const key = await page.evaluate((id) => (globalThis as unknown as { mfgwAutomation: PageAutomation }).mfgwAutomation.openRun(id), runId);
  if (key !== `run:${runId}`) return err(appError('io', `the run could not be shown in the page (it shows '${key}')`));
  // Views register as frame sources once mounted; the data is in the page's cache already.
  // First the page's views at all (however slow the machine), then the one asked for: a view this
  // run does not have is refused after a short wait, not after PAGE_WAIT_MS.
  await page.waitForFunction(() => (globalThis as unknown as { mfgwAutomation: PageAutomation }).mfgwAutomation.views().length > 0, undefined, { timeout: PAGE_WAIT_MS })
    .catch(() => undefined);
  await page.waitForFunction((view) => (globalThis as unknown as { mfgwAutomation: PageAutomation }).mfgwAutomation.views().some((v) => v.id === view), request.viewId, { timeout: 10_000 })
    .catch(() => undefined);
  const views = await page.evaluate(() => (globalThis as unknown as { mfgwAutomation: PageAutomation }).mfgwAutomation.views());
  if (!views.some((view) => view.id === request.viewId)) {
    return err(appError('bad_input', `expected --view to be one of ${views.map((view) => view.id).join(', ')}, received '${request.viewId}'`));
  }
  const levels = views.find((view) => view.id === request.viewId)?.levels ?? 0;
  // -1 (the CLI's default) is the last level: the final state for figures, the whole run for animations.
  const last = Math.max(0, levels - 1);
  const resolved = { ...request, level: request.level < 0 ? last : request.level, lastLevel: request.lastLevel < 0 ? last : request.lastLevel };
  return page.evaluate((r) => (globalThis as unknown as { mfgwAutomation: PageAutomation }).mfgwAutomation.export(r), resolved);
}

export async function exportHeadless(options: HeadlessExport): Promise<Result<ExportOutcome>> {
  const staticDir = options.staticDir ?? rendererDirectory();
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    return err(appError('unsupported', `the renderer is not built (no ${path.join(staticDir, 'index.html')}): run npm run build:renderer`));
  }
  // A private config folder: opening the run in place must not add it to the user's run list.
  const configDir = mkdtempSync(path.join(tmpdir(), 'mfgw-export-'));
  const workbench = await createViewer({ configDir, runsDir: path.join(configDir, 'runs'), env: options.env, logger: options.logger });
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startWebServer>> | undefined;
  try {
    const opened = await workbench.runs.openDirectory(options.runDirectory);
    if (!opened.ok) return opened;
    if (opened.value.status === 'damaged') return err(appError('bad_input', `the run at ${options.runDirectory} is damaged: ${opened.value.problem ?? 'unknown reason'}`));
    server = await startWebServer({ staticDir, rpcServer: workbench.rpcServer, port: 0, logger: options.logger });
    const launched = await launch(options.chromium);
    if (!launched.ok) return launched;
    browser = launched.value;
    return await exportInPage(browser, server.url, opened.value.runId, options.request);
  } catch (error) {
    return err(appError('internal', `the export failed: ${errorMessage(error)}`));
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    workbench.dispose();
    rmSync(configDir, { recursive: true, force: true });
  }
}
