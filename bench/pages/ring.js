// One user's page with ?n= call buttons (a contact list), on the emulator. Records, for each
// incoming call, the time from the SDK's callback (cc-call-incoming is dispatched in it) to the
// frame after the first one that paints the ringing dialog with opacity above 0: the dialog is
// on screen and the page is free to take the next frame (a click on Accept). Also records the long
// tasks (over 50 ms, PerformanceObserver 'longtask') that ran in the second after the ring.
const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 1);
const uid = params.get('uid');
const block = document.createElement('script');
block.type = 'application/json';
block.dataset.ccCallsConfig = '';
block.textContent = JSON.stringify({ emulator: { uid, channel: params.get('channel'), media: false }, outcomeDuration: 50 });
document.head.append(block);

// The caller stands in for another person's device: its "Calling…" screen (and its animation) is
// hidden, so it does not share the callee's main thread in this one browser.
if (params.has('caller')) document.head.insertAdjacentHTML('beforeend', '<style>cc-call-stage { display: none !important; }</style>');

const list = document.getElementById('list');
for (let i = 0; i < n; i++) {
  const button = document.createElement('cc-call-button');
  button.setAttribute('uid', i === 0 ? params.get('peer') : `user-${i}`);
  button.setAttribute('name', `Contact ${i}`);
  list.append(button);
}

const longTasks = [];
new PerformanceObserver((entries) => longTasks.push(...entries.getEntries())).observe({ type: 'longtask' });

/** One entry per ring: { ms, longTasks: [ms…] }, the second entry added a second after the ring. */
window.rings = [];
const visible = (dialog) => dialog && dialog.getBoundingClientRect().height > 0 && Number(getComputedStyle(dialog).opacity) > 0;
document.addEventListener('cc-call-incoming', () => {
  const t0 = performance.now();
  const ring = { ms: null, longTasks: null };
  const tick = () => {
    const dialog = document.querySelector('cc-incoming-call')?.shadowRoot?.querySelector('[role="alertdialog"]');
    // This frame paints it visibly; the next one's callback says the page got to the next frame.
    if (visible(dialog)) requestAnimationFrame(() => (ring.ms = performance.now() - t0));
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  setTimeout(() => {
    // Long tasks that ended after the ring and started within the second after it (the ring's own task included).
    ring.longTasks = longTasks
      .filter((task) => task.startTime + task.duration > t0 && task.startTime < t0 + 1000)
      .map((task) => task.duration);
    window.rings.push(ring);
  }, 1100);
});
