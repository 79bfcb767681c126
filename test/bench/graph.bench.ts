// Benchmark: the graph workbench at the reported scale, in headless Chromium against browser mode.
// Builds (once, cached under /tmp/graph-bench) a linked case of 100,000 accounts of which 25,000
// sit in campaign clusters, the biggest a 5,000-account cluster with about 20,000 links; then
//   - cluster overview ready (navigation to first drawn frame: page boot, case, engine, drawing),
//   - drill-down into the 5,000-node cluster ready (the press on its button to first drawn frame),
//   - for both, interactive: the first moment after that frame followed by 500 ms without a long
//     task on the page's main thread (work left after the frame would delay the next click),
//   - frame times (requestAnimationFrame deltas) while real mouse gestures move the view: a drag
//     (pan) and wheel zooms through Playwright, for the workbench's settings and, on the same
//     elements and positions, for cytoscape with its default settings (and sigma.js if installed).
// Prints one JSON object. Options: --rebuild, --accounts N (default 100000), --drill N (5000),
// --no-sigma (skip that baseline), --renderer webgl|canvas (force the workbench's renderer).
import type cytoscape from 'cytoscape';
import type { Core as CyCore } from 'cytoscape';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CaseSession } from '../../electron/engine/session';
import { launchBrowser, startServer } from '../e2e/harness';
import { buildGraphFixture, type FixtureCluster } from '../integration/graph/graph-fixture';

const args = process.argv.slice(2);
const arg = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const TOTAL = arg('accounts', 100_000);
const DRILL = arg('drill', 5_000);
const CAMPAIGN = Math.round(TOTAL / 4);
const DIR = '/tmp/graph-bench';
const CASE = join(DIR, `case-${TOTAL}-${DRILL}.lwcase.sqlite`);
const log = (m: string) => process.stderr.write(`[bench:graph] ${m}\n`);

function buildCase(): { buildMs: number } {
  const t0 = performance.now();
  mkdirSync(DIR, { recursive: true });
  for (const f of [CASE, `${CASE}-wal`, `${CASE}-shm`]) rmSync(f, { force: true });
  const clusters: FixtureCluster[] = [{ size: DRILL, score: 0.97, cardGroup: 4, ipGroup: 6 }];
  // the rest of the campaign: clusters of 250-1,500 accounts
  let left = CAMPAIGN - DRILL;
  for (let i = 0; left > 0; i++) {
    const size = Math.min(left, 250 + ((i * 397) % 1250));
    clusters.push({ size, score: 0.55 + ((i * 13) % 40) / 100, cardGroup: 4, ipGroup: 5 });
    left -= size;
  }
  // benign structure: thousands of small linked groups (families, teams, shared offices)
  let benign = Math.round(TOTAL * 0.45);
  for (let i = 0; benign > 0; i++) {
    const size = Math.min(benign, 2 + (i % 9));
    clusters.push({ size, score: ((i * 7) % 45) / 100, cardGroup: 2, ipGroup: 3 });
    benign -= size;
  }
  const used = clusters.reduce((t, c) => t + c.size, 0);
  const s = CaseSession.open(CASE, { create: true, name: `Graph bench ${TOTAL.toLocaleString('en-US')}` });
  buildGraphFixture(s.db, { clusters, loners: Math.max(0, TOTAL - used), exchangesPerAccount: 2, seed: 11 });
  s.db.exec('CREATE INDEX IF NOT EXISTS bench_exchanges_account ON exchanges (account, ts)');
  s.close();
  return { buildMs: Math.round(performance.now() - t0) };
}

/** what the workbench records when a view is on screen (showView in features/graph/workbench/use-graph-views.ts) */
interface Ready {
  at: number;
  ms: number;
  fetchMs: number;
  showMs: number;
  firstFrameMs: number;
  engineMs: number;
  nodes: number;
  edges: number;
}

interface FrameStats {
  frames: number;
  p90Ms: number;
  meanMs: number;
  maxMs: number;
}

function stats(deltas: number[]): FrameStats {
  const s = [...deltas].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { frames: s.length, p90Ms: r(q(0.9)), meanMs: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)), maxMs: r(s[s.length - 1] ?? 0) };
}

/** Records rAF deltas while `gesture` runs. */
async function frames(page: Page, gesture: () => Promise<void>): Promise<number[]> {
  // a string, not a function: tsx's name-keeping helper does not exist in the page
  await page.evaluate(`(() => {
    window.__fr = [];
    window.__rec = true;
    let last = performance.now();
    function tick(t) {
      window.__fr.push(t - last);
      last = t;
      if (window.__rec) requestAnimationFrame(tick);
    }
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  })()`);
  await gesture();
  return page.evaluate(() => {
    const w = window as unknown as { __fr: number[]; __rec: boolean };
    w.__rec = false;
    return w.__fr;
  });
}

/** The point of the graph container farthest from any node (a drag there pans, never moves a node). */
async function emptySpot(page: Page, cyExpr: string): Promise<{ x: number; y: number; clearance: number }> {
  return page.evaluate((expr) => {
    const cy = (0, eval)(expr) as CyCore;
    const box = cy.container()!.getBoundingClientRect();
    const pts = cy.nodes().map((n) => n.renderedPosition());
    let best = { x: box.width / 2, y: box.height / 2, clearance: -1 };
    for (let fy = 0.04; fy <= 0.96; fy += 0.04)
      for (let fx = 0.04; fx <= 0.96; fx += 0.02) {
        const x = box.width * fx;
        const y = box.height * fy;
        let c = Infinity;
        for (const p of pts) c = Math.min(c, Math.hypot(p.x - x, p.y - y));
        if (c > best.clearance) best = { x, y, clearance: c };
      }
    return { x: box.left + best.x, y: box.top + best.y, clearance: Math.round(best.clearance) };
  }, cyExpr);
}

interface GestureRun {
  drag: FrameStats;
  wheel: FrameStats;
  both: FrameStats;
  startClearancePx: number;
  /** proof the gestures moved the view: pan before/after the drag, zoom before/peak/after the wheel */
  moved: { panDx: number; panDy: number; zoomStart: number; zoomPeak: number; zoomEnd: number };
  /** cytoscape 'render' events during each gesture (how often the graph was actually redrawn) */
  renders: { drag: number; wheel: number };
}

/** Viewport of the cytoscape instance (or of a sigma camera) behind `expr`, and a render counter. */
async function viewport(page: Page, expr: string): Promise<{ zoom: number; x: number; y: number; renders: number }> {
  return page.evaluate((e) => {
    const w = window as unknown as { __rc?: number; __rcOn?: boolean };
    const cy = (0, eval)(e) as CyCore & { __sigma?: boolean };
    if (typeof cy.zoom !== 'function') return { zoom: 1, x: 0, y: 0, renders: w.__rc ?? 0 };
    if (!w.__rcOn) {
      w.__rcOn = true;
      w.__rc = 0;
      cy.on('render', () => (w.__rc = (w.__rc ?? 0) + 1));
    }
    return { zoom: cy.zoom(), x: cy.pan().x, y: cy.pan().y, renders: w.__rc ?? 0 };
  }, expr);
}

async function gestures(page: Page, cyExpr: string): Promise<GestureRun> {
  const start = await emptySpot(page, cyExpr);
  // the drag must pan the view, not carry a node along: start far from every node, and keep
  // the drag inside the container
  const box = await page.evaluate((expr) => ((0, eval)(expr) as CyCore).container()!.getBoundingClientRect().toJSON() as DOMRect, cyExpr);
  const ax = Math.min(300, Math.max(60, Math.max(start.x - box.left, box.right - start.x) - 20));
  const dir = start.x - box.left > box.right - start.x ? -1 : 1;
  const v0 = await viewport(page, cyExpr);
  let vMid = v0;
  const drag = await frames(page, async () => {
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 1; i <= 50; i++) {
      // out and (half-way) back: the view ends panned by half the stroke
      await page.mouse.move(start.x + dir * ax * Math.sin((i / 50) * (Math.PI * 0.75)), start.y + 80 * Math.sin((i / 25) * Math.PI));
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
  });
  const v1 = await viewport(page, cyExpr);
  // zoom over the middle of the graph, where the nodes are (zooming into empty space draws
  // nothing). cytoscape treats equal wheel deltas as a notched mouse (about x1.03 a notch at
  // wheelSensitivity 1), so 45 notches in zoom about x3.5, and 45 out come back
  const mid = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  let zoomPeak = v1.zoom;
  const wheel = await frames(page, async () => {
    await page.mouse.move(mid.x, mid.y);
    for (let i = 0; i < 90; i++) {
      await page.mouse.wheel(0, i < 45 ? -120 : 120);
      await page.waitForTimeout(25);
      if (i === 44) {
        vMid = await viewport(page, cyExpr);
        zoomPeak = vMid.zoom;
      }
    }
  });
  const v2 = await viewport(page, cyExpr);
  // the first delta of each run is the wait before the gesture's first input: drop it
  return {
    drag: stats(drag.slice(1)),
    wheel: stats(wheel.slice(1)),
    both: stats([...drag.slice(1), ...wheel.slice(1)]),
    startClearancePx: start.clearance,
    moved: { panDx: Math.round(v1.x - v0.x), panDy: Math.round(v1.y - v0.y), zoomStart: r3(v1.zoom), zoomPeak: r3(zoomPeak), zoomEnd: r3(v2.zoom) },
    renders: { drag: v1.renders - v0.renders, wheel: v2.renders - v1.renders },
  };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Watches the page's /api/call requests from now on; `quiet()` resolves once none has been in
 * flight for 300 ms (at most 10 s) and stops watching.
 */
function watchApi(page: Page): { quiet(): Promise<void> } {
  let inFlight = 0;
  let last = Date.now();
  const isCall = (r: { url(): string }) => r.url().includes('/api/call');
  const up = (r: { url(): string }) => {
    if (!isCall(r)) return;
    inFlight++;
    last = Date.now();
  };
  const down = (r: { url(): string }) => {
    if (!isCall(r)) return;
    inFlight = Math.max(0, inFlight - 1);
    last = Date.now();
  };
  page.on('request', up);
  page.on('requestfinished', down);
  page.on('requestfailed', down);
  return {
    async quiet() {
      try {
        const until = Date.now() + 10_000;
        while (Date.now() < until && (inFlight > 0 || Date.now() - last < 300)) await page.waitForTimeout(50);
      } finally {
        page.off('request', up);
        page.off('requestfinished', down);
        page.off('requestfailed', down);
      }
    },
  };
}

/** Records the page's long tasks (over 50 ms on the main thread) from its first script on. */
const LONG_TASKS = `(() => {
  window.__lt = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([e.startTime, e.startTime + e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch {}
})()`;

/**
 * When the page became interactive after a view was drawn at `readyAt`: the first moment from
 * then on followed by QUIET_MS without a long task (input would wait for one, so a view is only
 * usable once they stop). Waits for such a window (up to 10 s) before answering.
 */
const QUIET_MS = 500;
async function interactiveAt(page: Page, readyAt: number): Promise<number> {
  for (let tries = 0; tries < 40; tries++) {
    const { now, tasks } = await page.evaluate(() => ({ now: performance.now(), tasks: (window as unknown as { __lt: Array<[number, number]> }).__lt }));
    let t = readyAt;
    for (const [start, end] of [...tasks].sort((a, b) => a[0] - b[0])) if (end > t && start < t + QUIET_MS) t = end;
    if (now >= t + QUIET_MS) return t;
    await page.waitForTimeout(250);
  }
  return NaN;
}

async function main(): Promise<void> {
  let build: { buildMs: number } | { reused: true } = { reused: true };
  if (args.includes('--rebuild') || !existsSync(CASE)) {
    log(`building the case (${TOTAL.toLocaleString('en-US')} accounts) ...`);
    build = buildCase();
  }
  const server = await startServer({ casePath: CASE });
  const { browser, page } = await launchBrowser();
  try {
    // 1. overview ready
    // --renderer webgl|canvas overrides the workbench's own choice (render-mode.ts) to compare both
    const forced = args.includes('--renderer') ? args[args.indexOf('--renderer') + 1] : null;
    await page.addInitScript(LONG_TASKS);
    await page.goto(forced ? `${server.url}&renderer=${forced}` : server.url);
    await page.waitForFunction(() => !!(window as unknown as { __lwReady?: unknown }).__lwReady, undefined, { timeout: 120_000 });
    const overview = await page.evaluate(() => (window as unknown as { __lwReady: Ready }).__lwReady);
    // the investigator reads the overview before clicking: the page settles first
    const overviewInteractive = await interactiveAt(page, overview.at);
    const renderMode = await page.evaluate(() => {
      const c = document.createElement('canvas');
      const gl = c.getContext('webgl') as WebGLRenderingContext | null;
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl ? String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'no WebGL';
    });
    const webgl = await page.evaluate(() => {
      const cy = (window as unknown as { __lwCy: { renderer(): { webgl?: boolean } } }).__lwCy;
      return !!cy.renderer().webgl;
    });

    // 2. drill-down into the biggest campaign cluster
    // the investigator reads the cluster's panel before opening it: what that click asked for
    // (panel, tables, histogram) is answered first, so the drill-down does not queue behind it
    // in the engine, which answers one call at a time
    const rowCalls = watchApi(page);
    await page.getByTestId('cluster-row').first().click();
    await rowCalls.quiet();
    const before = overview.at;
    // the investigator's action is the press on the button: its input event's time stamp (same
    // clock as performance.now()), not the moment Playwright starts checking the button is
    // clickable (it waits for the button to hold still over animation frames first)
    await page.evaluate(`window.addEventListener('pointerdown', (e) => { window.__press = e.timeStamp; }, { capture: true, once: true })`);
    const before0 = await page.evaluate(() => performance.now());
    await page.getByTestId('drill-in').click();
    await page.waitForFunction((t) => ((window as unknown as { __lwReady?: { at: number } }).__lwReady?.at ?? 0) > t, before, { timeout: 120_000 });
    const drill = await page.evaluate(() => (window as unknown as { __lwReady: Ready }).__lwReady);
    const press = await page.evaluate(() => (window as unknown as { __press?: number }).__press);
    const t0 = typeof press === 'number' && press >= before0 ? press : before0;
    const viewStats = await page.getByTestId('view-stats').textContent();
    const drillInteractive = await interactiveAt(page, drill.at);
    // an investigator looks at a new view for a moment: idle-time cache warming happens then
    await page.waitForTimeout(1500);

    // 3. frame times in the workbench (its settings)
    log('measuring the workbench ...');
    const panBefore = await page.evaluate(() => JSON.stringify((window as unknown as { __lwCy: CyCore }).__lwCy.pan()));
    const workbench = await gestures(page, '__lwCy');
    const panAfter = await page.evaluate(() => JSON.stringify((window as unknown as { __lwCy: CyCore }).__lwCy.pan()));
    const grabbed = await page.evaluate(() => (window as unknown as { __lwCy: CyCore }).__lwCy.nodes(':grabbed').length);

    // 4. baseline: cytoscape with default settings, same elements, positions and style, same size
    const snapshot = await page.evaluate(() => {
      const cy = (window as unknown as { __lwCy: CyCore }).__lwCy;
      const box = cy.container()!.getBoundingClientRect();
      // edges drawn on the workbench's edge layer are not cytoscape elements there: add them back
      const layer = (window as unknown as { __lwLayerElements?: () => unknown[] }).__lwLayerElements?.() ?? [];
      return { elements: [...cy.elements().jsons(), ...layer], style: (cy.style() as unknown as { json(): unknown }).json(), width: box.width, height: box.height };
    });
    const base = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const require = createRequire(join(process.cwd(), 'package.json'));
    await base.setContent(`<!doctype html><body style="margin:0"><div id="cy" style="width:${snapshot.width}px;height:${snapshot.height}px"></div></body>`);
    await base.addScriptTag({ path: require.resolve('cytoscape/dist/cytoscape.min.js') });
    const baseReadyMs = await base.evaluate((snap) => {
      const t = performance.now();
      const w = window as unknown as { cytoscape: typeof cytoscape; __base: CyCore };
      w.__base = w.cytoscape({ container: document.getElementById('cy'), elements: snap.elements as never, style: snap.style as never, layout: { name: 'preset' } });
      return new Promise<number>((r) => requestAnimationFrame(() => r(performance.now() - t)));
    }, snapshot);
    await base.waitForTimeout(1500);
    log('measuring default cytoscape ...');
    const defaultCytoscape = await gestures(base, '__base');
    await base.close();

    // 5. baseline: sigma.js (WebGL), same nodes, edges and positions, bundled for the page here
    let sigma: unknown = 'not installed (npm package "sigma"); baseline skipped';
    let sigmaStats: GestureRun | null = null;
    if (args.includes('--no-sigma')) sigma = 'skipped (--no-sigma)';
    else try {
      require.resolve('sigma');
      const { build } = await import('esbuild');
      const bundle = await build({
        stdin: { contents: "import Sigma from 'sigma'; import Graph from 'graphology'; window.Sigma = Sigma; window.Graph = Graph;", resolveDir: process.cwd() },
        bundle: true,
        format: 'iife',
        write: false,
        logLevel: 'silent',
      });
      const sp = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await sp.setContent(`<!doctype html><body style="margin:0"><div id="sg" style="width:${snapshot.width}px;height:${snapshot.height}px"></div></body>`);
      await sp.addScriptTag({ content: bundle.outputFiles[0]!.text });
      const sigmaReadyMs = await sp.evaluate((snap) => {
        type El = { group: string; data: Record<string, unknown>; position?: { x: number; y: number } };
        const w = window as unknown as { Sigma: new (g: unknown, c: HTMLElement) => unknown; Graph: new () => { addNode(k: string, a: object): void; addEdge(a: string, b: string, at: object): void }; __sg: unknown };
        const t = performance.now();
        const g = new w.Graph();
        for (const e of snap.elements as El[]) if (e.group === 'nodes') g.addNode(String(e.data.id), { x: e.position!.x, y: -e.position!.y, size: Number(e.data.px) / 3, color: String(e.data.color) });
        for (const e of snap.elements as El[]) if (e.group === 'edges') g.addEdge(String(e.data.source), String(e.data.target), { size: 0.6, color: String(e.data.color) });
        w.__sg = new w.Sigma(g, document.getElementById('sg')!);
        return new Promise<number>((r) => requestAnimationFrame(() => r(performance.now() - t)));
      }, snapshot);
      await sp.waitForTimeout(500);
      log('measuring sigma.js ...');
      // sigma has no cytoscape instance: a stand-in with its container (any point of it pans), its
      // camera as zoom and pan, and its afterRender event as 'render'
      await sp.evaluate(`(() => {
        const sg = window.__sg;
        const cam = () => sg.getCamera().getState();
        window.__sgCy = { container: () => document.getElementById('sg'), nodes: () => ({ map: () => [] }),
          zoom: () => 1 / cam().ratio, pan: () => ({ x: cam().x * 1000, y: cam().y * 1000 }), on: (_e, f) => sg.on('afterRender', f) };
      })()`);
      sigmaStats = await gestures(sp, '__sgCy');
      await sp.close();
      sigma = { ...sigmaStats, readyMs: Math.round(sigmaReadyMs) };
    } catch (e) {
      sigma = `failed: ${String(e)}`;
    }

    const ratio = (a: FrameStats, b: FrameStats) => Math.round((b.p90Ms / Math.max(0.1, a.p90Ms)) * 10) / 10;
    const result = {
      bench: 'graph',
      case: { accounts: TOTAL, campaignAccounts: CAMPAIGN, drillCluster: DRILL, file: CASE, ...build },
      machine: { cores: (await import('node:os')).cpus().length, webglRenderer: renderMode, workbenchUsesWebgl: webgl },
      overview: {
        readyMs: Math.round(overview.at),
        // the first moment after the view is drawn followed by 500 ms without a long task
        interactiveMs: Math.round(overviewInteractive),
        engineToDrawnMs: Math.round(overview.ms),
        breakdownMs: { show: Math.round(overview.showMs), firstFrame: Math.round(overview.firstFrameMs), engine: overview.engineMs },
        nodes: overview.nodes,
        edges: overview.edges,
        targetMs: 1000,
      },
      drillDown: {
        readyMs: Math.round(drill.at - t0),
        interactiveMs: Math.round(drillInteractive - t0),
        requestToDrawnMs: Math.round(drill.ms),
        // where the time goes: request + engine + JSON + transfer, cytoscape add + fit, first frame
        // (style, element caches, drawing)
        breakdownMs: { fetch: Math.round(drill.fetchMs), show: Math.round(drill.showMs), firstFrame: Math.round(drill.firstFrameMs), engine: drill.engineMs },
        nodes: drill.nodes,
        edges: drill.edges,
        viewStats,
        targetMs: 2000,
      },
      frames: {
        workbench: { ...workbench, viewPanned: panBefore !== panAfter, nodesLeftGrabbed: grabbed },
        defaultCytoscape: { ...defaultCytoscape, readyMs: Math.round(baseReadyMs) },
        sigma,
        p90SpeedupVsSigma: sigmaStats ? { drag: ratio(workbench.drag, sigmaStats.drag), wheel: ratio(workbench.wheel, sigmaStats.wheel) } : null,
        p90SpeedupVsDefault: { drag: ratio(workbench.drag, defaultCytoscape.drag), wheel: ratio(workbench.wheel, defaultCytoscape.wheel), both: ratio(workbench.both, defaultCytoscape.both) },
        targets: { p90Ms: 50, speedupVsDefault: 10 },
      },
      settings: {
        workbench: webgl
          ? "cytoscape WebGL renderer (renderer: {name: 'canvas', webgl: true}), engine-side layout"
          : 'cytoscape 2D canvas (views over 2,500 elements: nodes only, edges on the workbench\'s own canvas layer beneath), hideEdgesOnViewport, textureOnViewport, pixelRatio 1, motionBlur off, haystack edges, labels only above min-zoomed-font-size, engine-side layout, WebGL avoided because the WebGL renderer is software',
        defaultCytoscape: 'cytoscape({container, elements, style, layout: preset}) with no other option; same elements, positions and stylesheet',
        gestures: 'drag: 50 mouse moves 16 ms apart on empty canvas (out and half-way back); wheel: 90 wheel events of 120 px 25 ms apart over the middle of the graph (45 in, about x3.5, then 45 out); frame time = requestAnimationFrame delta during the gesture; moved = proof the view panned and zoomed; renders = cytoscape render events during the gesture',
      },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
