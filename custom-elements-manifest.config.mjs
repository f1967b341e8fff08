/**
 * Custom Elements Manifest settings, read by every `cem analyze` run in this
 * directory: `npm run analyze` (writes ./custom-elements.json), and
 * scripts/check-manifest.mjs and the before-stop hook (both
 * `cem analyze --litelement --outdir <tmp>`), so all of them produce the same file.
 */
import { mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';

/**
 * cem 0.11 writes to `path.join(cwd, outdir)`, so an absolute `--outdir /tmp/x` lands in
 * `./tmp/x/` inside the repo and /tmp/x stays empty. This plugin writes the same bytes to the
 * absolute directory that was asked for and removes the stray copy when cem exits.
 * With a relative --outdir (or none) it does nothing.
 */
function absoluteOutdir() {
  const args = process.argv;
  const at = args.indexOf('--outdir');
  const outdir = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length);
  const cwd = process.cwd();
  if (!outdir || !isAbsolute(outdir) || join(cwd, outdir) === join(outdir)) return [];
  const stray = join(cwd, outdir, 'custom-elements.json');
  return [
    {
      name: 'cc-absolute-outdir',
      packageLinkPhase({ customElementsManifest }) {
        mkdirSync(outdir, { recursive: true });
        // The same serialisation cem itself uses.
        writeFileSync(join(outdir, 'custom-elements.json'), `${JSON.stringify(customElementsManifest, null, 2)}\n`);
        process.once('exit', () => {
          rmSync(stray, { force: true });
          for (let dir = dirname(stray); dir.startsWith(cwd + sep); dir = dirname(dir)) {
            try {
              rmdirSync(dir); // only while empty
            } catch {
              break;
            }
          }
        });
      },
    },
  ];
}

/**
 * The base class's generic `emit(name, …)` makes cem list an event literally called "name" on
 * every element. Every real event is declared with `@fires` and starts with `cc-`; keep only those.
 */
function onlyDeclaredEvents() {
  return {
    name: 'cc-only-declared-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name?.startsWith('cc-'));
        }
      }
    },
  };
}

/**
 * Private members (`#field`, `private`) are not API: listing them made every internal change
 * a manifest change. Drop them.
 */
function withoutPrivateMembers() {
  return {
    name: 'cc-without-private-members',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.members) {
            declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && !m.name?.startsWith('#'));
          }
        }
      }
    },
  };
}

/**
 * cem lists modules in the order its glob walks the disk, which differs between checkouts
 * (directory entry order). Sorting by path makes the committed manifest and CI's fresh
 * regeneration agree byte for byte.
 */
function sortedModules() {
  return {
    name: 'cc-sorted-modules',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  // The emulator is test/demo plumbing, not public API.
  exclude: ['emulator/**', 'src/**/*.test.ts', 'src/**/*.spec.ts', 'src/**/*.d.ts'],
  litelement: true,
  // cem would otherwise rewrite package.json's "customElements" (reformatting the whole file)
  // to point at whatever --outdir a check used. package.json already says "custom-elements.json".
  packagejson: false,
  plugins: [onlyDeclaredEvents(), withoutPrivateMembers(), sortedModules(), ...absoluteOutdir()],
};
