/**
 * Chromium flags for every browser the tests start: web-test-runner (web-test-runner.config.mjs)
 * and the end-to-end tests (`chromium.launch({ executablePath: process.env.CHROME_PATH, args: CHROME_ARGS })`).
 * Measured on Debian's chromium package, run as root in CI.
 */
export const CHROME_ARGS = [
  // CI runs as root, where Chromium exits at once without this.
  '--no-sandbox',
  // Stay off the network: no GPU process, QUIC, first-run, background, component or sync traffic.
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // And enforce it: every host except the loopback ones fails to resolve, so nothing a page (or an
  // SDK: the calls SDK @imports Google Fonts) asks for can leave the machine. The rules apply to
  // IP literals too, hence the explicit 127.0.0.1 and [::1]. WebRTC's ICE does not use them.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1 , EXCLUDE [::1]',
  // A fake camera and microphone that need no permission prompt, and WebRTC on loopback.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  // Ringtones may play without a click.
  '--autoplay-policy=no-user-gesture-required',
];
