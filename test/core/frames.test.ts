import { expect } from '@open-wc/testing';
import { afterPaint } from '../../src/core/frames.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `body` with the page's frames replaced by `frame` and its visibility by `visibility`, then restores both. */
async function withPage(
  frame: (callback: FrameRequestCallback) => number,
  visibility: DocumentVisibilityState,
  body: () => Promise<void>,
): Promise<void> {
  const realFrame = window.requestAnimationFrame;
  window.requestAnimationFrame = frame;
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  try {
    await body();
  } finally {
    window.requestAnimationFrame = realFrame;
    delete (document as { visibilityState?: unknown }).visibilityState;
  }
}

describe('afterPaint', () => {
  it('on a visible page waits for a frame that takes 300 ms, however long past 100 ms', async () => {
    let framed = false;
    const slowFrame = (callback: FrameRequestCallback) => window.setTimeout(() => ((framed = true), callback(performance.now())), 300);
    await withPage(slowFrame, 'visible', async () => {
      let ranAfterFrame: boolean | null = null;
      afterPaint(() => (ranAfterFrame = framed));
      await sleep(200);
      expect(ranAfterFrame, 'nothing ran before the frame').to.equal(null);
      await sleep(600); // past the frame, still before the visible page's one-second fallback
      expect(ranAfterFrame, 'it ran once the frame came').to.equal(true);
    });
  });

  it('on a hidden page, which paints no frame, runs after about 100 ms, well before a visible one would, once', async () => {
    await withPage(
      () => 0,
      'hidden',
      async () => {
        let runs = 0;
        const started = performance.now();
        let ranAt = 0;
        afterPaint(() => ((runs += 1), (ranAt = performance.now() - started)));
        await sleep(1200);
        expect(runs).to.equal(1);
        expect(ranAt).to.be.within(95, 900);
      },
    );
  });

  it('on a visible page whose frames never come (an iframe out of view), runs after a second, once', async () => {
    await withPage(
      () => 0,
      'visible',
      async () => {
        let runs = 0;
        afterPaint(() => (runs += 1));
        await sleep(500);
        expect(runs, 'still waiting for a frame at 500 ms').to.equal(0);
        await sleep(1000);
        expect(runs).to.equal(1);
      },
    );
  });

  it('runs once when the frame comes first and the fallback later', async () => {
    let runs = 0;
    afterPaint(() => (runs += 1));
    await sleep(1200);
    expect(runs).to.equal(1);
  });
});
