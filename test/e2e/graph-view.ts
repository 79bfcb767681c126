// E2E helpers for the graph workbench: waiting for a drawn view (the page's __lwReady stamp),
// the path tool, and brushing the time histogram. Shared by the fixture and the pipeline tests.
import type { Page } from 'playwright-core';

export interface ViewReady {
  nodes: number;
  edges: number;
  at: number;
}

/** The time of the last drawn view (0 before any). */
export const readyAt = (p: Page) => p.evaluate(() => (window as unknown as { __lwReady?: { at: number } }).__lwReady?.at ?? 0);

/** Waits for a view drawn after `after` (a readyAt value) and returns its counts. */
export async function viewReady(p: Page, after = 0): Promise<ViewReady> {
  await p.waitForFunction((t) => ((window as unknown as { __lwReady?: { at: number } }).__lwReady?.at ?? 0) > t, after);
  return p.evaluate(() => (window as unknown as { __lwReady: ViewReady }).__lwReady);
}

/** Opens the path tool, asks for a path from `a` to `b` and returns how many steps it lists. */
export async function findPath(p: Page, a: string, b: string): Promise<number> {
  await p.getByTestId('path-tool').click();
  await p.getByTestId('path-a').fill(a);
  await p.getByTestId('path-b').fill(b);
  await p.getByTestId('path-find').click();
  await p.getByTestId('path-result').waitFor();
  return p.locator('[data-testid="path-result"] li').count();
}

/** Drags across the time histogram from one fraction of its width to another. */
export async function brushTime(p: Page, from: number, to: number): Promise<void> {
  const box = (await p.locator('[data-testid="time-histogram"] canvas').boundingBox())!;
  await p.mouse.move(box.x + box.width * from, box.y + box.height / 2);
  await p.mouse.down();
  await p.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 5 });
  await p.mouse.up();
}
