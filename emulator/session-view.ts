/**
 * The emulated calls SDK's default layout: a grid of participant tiles and a
 * control bar, in plain DOM. Names come from other users, so they are only
 * ever set as text.
 */

export interface ViewUser {
  uid: string;
  name: string;
}

export interface ViewOptions {
  audioOnly: boolean;
  /** Show the control bar at all. */
  controls: boolean;
  /** The end/leave button, and its label ("End call" in v4, "Leave" in v5). */
  endButton: boolean;
  endLabel: string;
  muteButton: boolean;
  videoButton: boolean;
  onEndPressed(): void;
}

const STYLE = `
.cc-emu-session{box-sizing:border-box;display:flex;flex-direction:column;width:100%;height:100%;min-height:240px;
  background:#1b1e24;color:#f4f5f7;font:14px/1.3 system-ui,-apple-system,"Segoe UI",sans-serif;border-radius:8px;overflow:hidden}
.cc-emu-session *{box-sizing:border-box}
.cc-emu-grid{flex:1;display:grid;gap:8px;padding:8px;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));align-content:center}
.cc-emu-tile{position:relative;aspect-ratio:16/9;background:#2a2f3a;border-radius:8px;overflow:hidden;
  display:flex;align-items:center;justify-content:center}
.cc-emu-tile video{position:absolute;inset:0;width:100%;height:100%;object-fit:cover;background:#000}
.cc-emu-tile[data-local] video{transform:scaleX(-1)}
.cc-emu-avatar{width:64px;height:64px;border-radius:50%;display:flex;align-items:center;justify-content:center;
  font-size:28px;font-weight:600;color:#fff;user-select:none}
.cc-emu-name{position:absolute;left:8px;bottom:8px;max-width:calc(100% - 16px);padding:2px 8px;border-radius:4px;
  background:rgba(0,0,0,.6);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.cc-emu-notice{position:absolute;top:8px;left:8px;right:8px;padding:4px 8px;border-radius:4px;background:rgba(190,40,40,.9);
  font-size:12px;text-align:center}
.cc-emu-unmute{position:absolute;top:8px;right:8px;border:0;border-radius:4px;padding:4px 8px;background:#f4f5f7;color:#1b1e24;
  font:inherit;font-size:12px;cursor:pointer}
.cc-emu-bar{display:flex;justify-content:center;gap:8px;padding:10px;background:#13151a}
.cc-emu-bar button{border:0;border-radius:20px;padding:8px 18px;font:inherit;cursor:pointer;background:#3a4150;color:#fff}
.cc-emu-bar button:hover{filter:brightness(1.15)}
.cc-emu-bar button:focus-visible,.cc-emu-unmute:focus-visible{outline:2px solid #8ab4f8;outline-offset:2px}
.cc-emu-bar button[aria-pressed="true"]{background:#f4f5f7;color:#1b1e24}
.cc-emu-bar .cc-emu-end{background:#d93025}
`;

let sheet: CSSStyleSheet | null = null;

/**
 * Adds the view's styles to the document or shadow root it renders in, as a constructed stylesheet:
 * a page whose CSP says `style-src 'self'` blocks an inline <style> element, never an adopted sheet.
 */
function adoptStyles(node: Node): void {
  const root = node.getRootNode() as Document | ShadowRoot;
  const target = 'adoptedStyleSheets' in root ? root : document;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  if (!target.adoptedStyleSheets.includes(sheet)) target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
}

const COLOURS = ['#5b6ee1', '#d9534f', '#2e9d6a', '#c77c1e', '#8e5bd6', '#1f8fb4', '#b8476e'];

function colourFor(text: string): string {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return COLOURS[Math.abs(hash) % COLOURS.length];
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

interface Tile {
  root: HTMLElement;
  media: HTMLMediaElement | null;
}

export class SessionView {
  readonly #host: HTMLElement;
  readonly #options: ViewOptions;
  readonly #root = element('div', 'cc-emu-session');
  readonly #grid = element('div', 'cc-emu-grid');
  readonly #remotes = new Map<string, Tile>();
  #local: Tile | null = null;

  constructor(host: HTMLElement, options: ViewOptions) {
    this.#host = host;
    this.#options = options;
    this.#root.dataset.ccEmulator = '';
    this.#root.append(this.#grid);
    host.append(this.#root);
    adoptStyles(this.#root);
  }

  /** The local tile; `stream` null shows the initial, `notice` a visible problem. */
  setLocal(user: ViewUser, stream: MediaStream | null, notice: string | null): void {
    this.#local?.root.remove();
    const tile = this.#tile(user);
    tile.root.dataset.local = '';
    if (stream && !this.#options.audioOnly && stream.getVideoTracks().length > 0) {
      const video = element('video');
      video.muted = true; // never play our own microphone back
      video.playsInline = true;
      video.autoplay = true;
      video.setAttribute('muted', '');
      video.setAttribute('playsinline', '');
      video.setAttribute('autoplay', '');
      video.srcObject = stream;
      tile.root.prepend(video);
      tile.media = video;
      video.play().catch(() => undefined);
    }
    if (notice) {
      const note = element('div', 'cc-emu-notice');
      note.setAttribute('role', 'status');
      note.textContent = notice;
      tile.root.append(note);
    }
    this.#grid.prepend(tile.root);
    this.#local = tile;
    if (stream) this.#renderControls(stream);
    else this.#renderControls(null);
  }

  addRemote(id: string, user: ViewUser): void {
    if (this.#remotes.has(id)) return;
    const tile = this.#tile(user);
    tile.root.dataset.peer = id;
    this.#grid.append(tile.root);
    this.#remotes.set(id, tile);
  }

  setRemoteStream(id: string, stream: MediaStream): void {
    const tile = this.#remotes.get(id);
    if (!tile) return;
    if (tile.media) {
      if (tile.media.srcObject !== stream) tile.media.srcObject = stream;
      return;
    }
    const video = !this.#options.audioOnly && stream.getVideoTracks().length > 0;
    const media = video ? element('video') : element('audio');
    media.autoplay = true;
    media.setAttribute('autoplay', '');
    media.dataset.remote = '';
    if (media instanceof HTMLVideoElement) {
      media.playsInline = true;
      media.setAttribute('playsinline', '');
    }
    media.srcObject = stream;
    tile.root.prepend(media);
    tile.media = media;
    media.play().catch(() => this.#offerUnmute(tile, media));
  }

  removeRemote(id: string): void {
    const tile = this.#remotes.get(id);
    if (!tile) return;
    this.#remotes.delete(id);
    if (tile.media) tile.media.srcObject = null;
    tile.root.remove();
  }

  /** Removes everything this view added to the host. */
  destroy(): void {
    for (const id of [...this.#remotes.keys()]) this.removeRemote(id);
    if (this.#local?.media) this.#local.media.srcObject = null;
    this.#root.remove();
  }

  get attached(): boolean {
    return this.#root.parentNode === this.#host;
  }

  #tile(user: ViewUser): Tile {
    const root = element('div', 'cc-emu-tile');
    root.dataset.uid = user.uid;
    const label = user.name || user.uid;
    const avatar = element('div', 'cc-emu-avatar');
    avatar.style.background = colourFor(user.uid);
    avatar.textContent = Array.from(label.trim())[0]?.toUpperCase() ?? '?';
    avatar.setAttribute('aria-hidden', 'true');
    const name = element('span', 'cc-emu-name');
    name.textContent = label;
    root.append(avatar, name);
    return { root, media: null };
  }

  /** Autoplay with sound was blocked: play muted, and let the user turn sound on. */
  #offerUnmute(tile: Tile, media: HTMLMediaElement): void {
    media.muted = true;
    media.play().catch(() => undefined);
    const button = element('button', 'cc-emu-unmute');
    button.type = 'button';
    button.textContent = 'Turn on sound';
    button.addEventListener('click', () => {
      media.muted = false;
      media.play().catch(() => undefined);
      button.remove();
    });
    tile.root.append(button);
  }

  #renderControls(stream: MediaStream | null): void {
    this.#root.querySelector('.cc-emu-bar')?.remove();
    const o = this.#options;
    if (!o.controls) return;
    const bar = element('div', 'cc-emu-bar');
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Call controls');
    const audio = stream?.getAudioTracks() ?? [];
    const video = o.audioOnly ? [] : (stream?.getVideoTracks() ?? []);
    if (o.muteButton && audio.length) bar.append(this.#toggle('Mute', 'Unmute', audio));
    if (o.videoButton && video.length) bar.append(this.#toggle('Stop video', 'Start video', video));
    if (o.endButton) {
      const end = element('button', 'cc-emu-end');
      end.type = 'button';
      end.dataset.action = 'end';
      end.textContent = o.endLabel;
      end.addEventListener('click', () => o.onEndPressed());
      bar.append(end);
    }
    if (bar.childElementCount) this.#root.append(bar);
  }

  #toggle(onLabel: string, offLabel: string, tracks: MediaStreamTrack[]): HTMLButtonElement {
    const button = element('button');
    button.type = 'button';
    const render = () => {
      const off = tracks.every((t) => !t.enabled);
      button.textContent = off ? offLabel : onLabel;
      button.setAttribute('aria-pressed', String(off));
    };
    button.addEventListener('click', () => {
      const enable = tracks.every((t) => !t.enabled);
      for (const track of tracks) track.enabled = enable;
      render();
    });
    render();
    return button;
  }
}
