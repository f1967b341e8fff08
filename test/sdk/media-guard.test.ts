/**
 * The session's hold on the camera, microphone and screen (src/sdk/media-guard.ts), in Chromium
 * with its fake devices. A slow camera is the page's getUserMedia made to wait, as the real tier's
 * is; a slow screen picker is getDisplayMedia answering with the fake camera when the test says.
 */
import { expect } from '@open-wc/testing';
import { guardSessionMedia } from '../../src/sdk/media-guard.js';
import { waitFor } from '../wait.js';

const media = navigator.mediaDevices;
const native = MediaDevices.prototype.getUserMedia;
/** Longer than the guard holds an ended session's requests. */
const AFTER_LINGER_MS = 1200;

/** A camera that opens when the test says: the page's own wrapper of getUserMedia. */
function slowCamera() {
  const opened: MediaStream[] = [];
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  media.getUserMedia = async (constraints) => {
    await gate;
    const stream = await native.call(media, constraints);
    opened.push(stream);
    return stream;
  };
  return { open, opened };
}

const live = (streams: MediaStream[]) => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live');

/** A screen picker the user answers when the test says; the "screen" is the fake camera. */
function slowScreenPicker() {
  let pick: () => void = () => undefined;
  const picked = new Promise<void>((resolve) => (pick = resolve));
  const shared: MediaStream[] = [];
  media.getDisplayMedia = async () => {
    await picked;
    const stream = await native.call(media, { video: true });
    shared.push(stream);
    return stream;
  };
  return { pick, shared };
}

afterEach(async () => {
  await new Promise((r) => setTimeout(r, AFTER_LINGER_MS));
  delete (media as Partial<MediaDevices>).getUserMedia;
  delete (media as Partial<MediaDevices>).getDisplayMedia;
});

describe('a session and the camera', () => {
  it('gives a running session its camera, and the page its getUserMedia back once the session is over', async () => {
    const guard = guardSessionMedia();
    expect(media.getUserMedia).to.not.equal(native);
    const stream = await media.getUserMedia({ video: true });
    expect(live([stream])).to.have.length(1);
    stream.getTracks().forEach((t) => t.stop());
    guard.release();
    await waitFor(() => media.getUserMedia === native, 'getUserMedia restored', 3000);
  });

  it('stops a camera that opens after the session ended, and fails that request with an AbortError', async () => {
    const camera = slowCamera();
    const guard = guardSessionMedia();
    const request = media.getUserMedia({ video: true }).then(
      () => 'opened',
      (error: DOMException) => error.name,
    );
    guard.release();
    camera.open();
    expect(await request).to.equal('AbortError');
    expect(camera.opened).to.have.length(1);
    expect(live(camera.opened)).to.deep.equal([]);
    // The SDK's retry from its error handler belongs to the ended session too.
    expect(await media.getUserMedia({ audio: true }).catch((e: DOMException) => e.name)).to.equal('AbortError');
  });

  it('does not share a screen picked after the session ended', async () => {
    const picker = slowScreenPicker();
    const guard = guardSessionMedia();
    const request = media.getDisplayMedia({ video: true }).then(
      () => 'shared',
      (error: DOMException) => error.name,
    );
    guard.release();
    picker.pick();
    expect(await request).to.equal('AbortError');
    expect(picker.shared).to.have.length(1);
    expect(live(picker.shared)).to.deep.equal([]);
  });

  it('does not hold a late camera of the last call against the next one', async () => {
    const camera = slowCamera();
    const first = guardSessionMedia();
    const late = media.getUserMedia({ video: true }).catch((e: DOMException) => e.name);
    first.release();
    const second = guardSessionMedia();
    camera.open();
    expect(await late).to.equal('AbortError');
    const stream = await media.getUserMedia({ audio: true });
    expect(live([stream])).to.have.length(1);
    stream.getTracks().forEach((t) => t.stop());
    second.release();
  });

  it('leaves alone requests the page makes while no call runs, and a wrapper the page adds during a call', async () => {
    const guard = guardSessionMedia();
    const pageWrapper = (constraints?: MediaStreamConstraints) => native.call(media, constraints);
    media.getUserMedia = pageWrapper;
    guard.release();
    await new Promise((r) => setTimeout(r, AFTER_LINGER_MS));
    expect(media.getUserMedia).to.equal(pageWrapper);
    const stream = await media.getUserMedia({ audio: true });
    expect(live([stream])).to.have.length(1);
    stream.getTracks().forEach((t) => t.stop());
  });
});
