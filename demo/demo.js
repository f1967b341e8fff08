// The demo shell: one iframe per user. Each frame is a separate client that
// talks to the others over BroadcastChannel through the emulator.
const USERS = ['alice', 'bob', 'carol'];
const params = new URLSearchParams(location.search);
const clients = document.getElementById('clients');
const form = document.getElementById('real-form');
const REAL_KEY = 'cc-demo-real-app';

function frame(src, title) {
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = title;
  // Without this the frame may not use the camera, microphone or sound.
  iframe.allow = 'camera; microphone; autoplay; display-capture';
  return iframe;
}

function showEmulator() {
  const channel = params.get('channel') ?? `cc-demo-${Math.random().toString(36).slice(2, 8)}`;
  const shared = new URLSearchParams({ channel });
  for (const key of ['ice', 'calls', 'media']) if (params.has(key)) shared.set(key, params.get(key));
  clients.replaceChildren(
    ...USERS.map((uid) => frame(`client.html?uid=${uid}&${shared}`, `${uid[0].toUpperCase()}${uid.slice(1)}'s client`)),
  );
}

function showRealApp(config) {
  clients.replaceChildren(frame(`client.html?real=1`, 'Your CometChat client'));
  sessionStorage.setItem(REAL_KEY, JSON.stringify(config));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = Object.fromEntries([...new FormData(form)].filter(([, v]) => String(v).trim() !== ''));
  showRealApp(data);
});
document.getElementById('back-to-emulator').addEventListener('click', () => {
  sessionStorage.removeItem(REAL_KEY);
  showEmulator();
});

if (sessionStorage.getItem(REAL_KEY)) clients.replaceChildren(frame('client.html?real=1', 'Your CometChat client'));
else showEmulator();
