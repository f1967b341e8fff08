// One demo user's page. Everything shown here comes from the elements and
// their DOM events; the page itself never touches the SDK.
const DIRECTORY = { alice: 'Alice Adams', bob: 'Bob Brown', carol: 'Carol Chen' };
const params = new URLSearchParams(location.search);
const real = params.has('real');
const realConfig = real ? JSON.parse(sessionStorage.getItem('cc-demo-real-app') ?? '{}') : null;
const uid = real ? (realConfig.uid ?? 'you') : (params.get('uid') ?? 'alice');

const config = real
  ? {
      appId: realConfig.appId,
      region: realConfig.region,
      authToken: realConfig.authToken,
      uid: realConfig.uid,
      authKey: realConfig.authKey,
    }
  : {
      emulator: {
        uid,
        channel: params.get('channel') ?? 'cc-demo',
        callsVersion: params.get('calls') === '5' ? 5 : 4,
        iceFilter: params.get('ice') === 'loopback' ? 'loopback' : 'all',
        media: params.get('media') !== 'off',
      },
      outcomeDuration: 3000,
      // Short enough to watch a call go unanswered; real apps keep CometChat's 45 s default.
      ringTimeout: 20,
    };
const block = document.createElement('script');
block.type = 'application/json';
block.dataset.ccCallsConfig = '';
block.textContent = JSON.stringify(config);
document.head.append(block);

const $ = (selector) => document.querySelector(selector);

document.addEventListener('DOMContentLoaded', () => {
  const name = real ? uid : (DIRECTORY[uid] ?? uid);
  $('.me-name').textContent = name;
  $('.me-avatar').textContent = name.slice(0, 1);
  document.title = `${name} · cc-call-elements`;

  const people = real ? (realConfig.callee ? { [realConfig.callee]: realConfig.callee } : {}) : DIRECTORY;
  for (const [peer, peerName] of Object.entries(people)) {
    if (peer === uid) continue;
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = peerName;
    const video = document.createElement('cc-call-button');
    video.setAttribute('uid', peer);
    video.setAttribute('name', peerName);
    const audio = video.cloneNode();
    audio.setAttribute('call-type', 'audio');
    item.append(label, video, audio);
    $('.people').append(item);
  }
  if (real && realConfig.guid) document.querySelectorAll('cc-call-button[guid]').forEach((b) => b.setAttribute('guid', realConfig.guid));
  if (real && !realConfig.guid) $('.team').hidden = true;
});

function log(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  $('.log')?.prepend(item);
}

function addCard(attributes, message) {
  const item = document.createElement('li');
  const card = document.createElement('cc-meeting-card');
  if (message) card.message = message;
  for (const [key, value] of Object.entries(attributes)) card.setAttribute(key, String(value));
  item.append(card);
  $('.chat').append(item);
}

document.addEventListener('cc-meeting-received', (e) => {
  addCard({}, e.detail.message);
  log(`meeting from ${e.detail.sender.name} in ${e.detail.group.name}`);
});
document.addEventListener('cc-call-request', (e) => {
  // Our own meeting shows in our chat too, as it would in a message list.
  if (e.detail.kind !== 'meeting') return;
  addCard({
    guid: e.detail.target.id,
    'call-type': e.detail.callType,
    'sender-name': DIRECTORY[uid] ?? uid,
    'group-name': e.detail.target.name,
    'sent-at': Math.floor(Date.now() / 1000),
  });
});
document.addEventListener('cc-error', (e) => {
  log(`error ${e.detail.code}: ${e.detail.message}`);
});
for (const name of ['cc-call-outgoing', 'cc-call-incoming', 'cc-call-accepted', 'cc-call-rejected', 'cc-call-started', 'cc-call-ended']) {
  document.addEventListener(name, (e) => log(`${name} ${JSON.stringify(e.detail)}`));
}
document.addEventListener('DOMContentLoaded', () => {
  const status = $('.me-status');
  const show = (state) => {
    if (state.status === 'ready') status.textContent = 'Online';
    else if (state.status === 'unavailable') status.textContent = `Calling unavailable: ${state.error?.message ?? ''}`;
  };
  show(window.CCCalls.state);
  window.CCCalls.subscribe(show);
});
