// One user's page with ?n= call buttons (a contact list), on the emulator. Records, for each
// incoming call, the time from the SDK's callback (cc-call-incoming is dispatched in it) to the
// first frame in which the ringing dialog is laid out and about to paint.
const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 1);
const uid = params.get('uid');
const block = document.createElement('script');
block.type = 'application/json';
block.dataset.ccCallsConfig = '';
block.textContent = JSON.stringify({ emulator: { uid, channel: params.get('channel'), media: false }, outcomeDuration: 50 });
document.head.append(block);

const list = document.getElementById('list');
for (let i = 0; i < n; i++) {
  const button = document.createElement('cc-call-button');
  button.setAttribute('uid', i === 0 ? params.get('peer') : `user-${i}`);
  button.setAttribute('name', `Contact ${i}`);
  list.append(button);
}

window.ringTimes = [];
document.addEventListener('cc-call-incoming', () => {
  const t0 = performance.now();
  const tick = () => {
    const dialog = document.querySelector('cc-incoming-call')?.shadowRoot?.querySelector('[role="alertdialog"]');
    if (dialog && dialog.getBoundingClientRect().height > 0) window.ringTimes.push(performance.now() - t0);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
