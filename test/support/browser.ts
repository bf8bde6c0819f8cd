// Finds and launches a headless Chromium for the browser tests.
//
// Where the browser comes from, in this order:
//   1. CHROMIUM_PATH, when set (it must exist: a wrong path fails rather than falling through);
//   2. /usr/bin/chromium, Debian's package (`apt-get install -y chromium`);
//   3. @sparticuz/chromium, a devDependency that ships a headless Chromium (x64 Linux) inside its
//      npm tarball, brotli-compressed.
//
// Why the npm package is what a fresh machine uses: `npm ci && npm test` is all CI and a contributor
// run, nothing may download a browser at install or run time, and a registry package that carries
// the binary in its tarball installs like any other. Measured on a Debian 12 x64 machine: it adds
// 64 MB to node_modules and about 2 s to `npm ci` with an empty cache, and needs only libc, libexpat
// and libgcc from the system (it runs as root with --no-sandbox); the first launch unpacks it (about
// 2.3 s), later launches take about 0.05 s. Debian's chromium takes `apt-get update && apt-get install
// -y chromium` (about 25 s, 115 packages, 479 MB) and root, outside npm; it launches in about 0.5 s.
// Debian's is still used when present, as the task asks: it is the full, current browser that the
// distribution keeps patched, where the npm package is a headless shell of one fixed version.
// Version 143 is the last @sparticuz/chromium that supports Node 20 (later ones need Node 22).
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

// The flags that work as root on a machine with no network but the package registries: no sandbox
// (root), no GPU, and nothing that phones home. Playwright adds --headless and a fresh
// --user-data-dir itself.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_HINT =
  'Install one of: `npm ci` (installs the devDependency @sparticuz/chromium, which ships Chromium for x64 Linux), ' +
  '`apt-get install -y chromium` (Debian/Ubuntu, gives /usr/bin/chromium), ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/** Where the browser is, or an error that says what to install. */
export async function findChromium(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is ${fromEnv}, which does not exist. ${INSTALL_HINT}`);
    return fromEnv;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return unpackSparticuz();
}

/**
 * Unpacks @sparticuz/chromium's binary once per package version into the system temp folder. The
 * package's own executablePath() writes straight to /tmp/chromium, so two test workers starting
 * together can launch a half-written file, and a run interrupted mid-write leaves one for ever; this
 * writes to a temporary name and renames it into place, which is atomic.
 */
async function unpackSparticuz(): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `No Chromium found: /usr/bin/chromium is missing and @sparticuz/chromium ships a binary for x64 Linux only (this is ${process.platform}-${process.arch}). ${INSTALL_HINT}`,
    );
  }
  const require = createRequire(import.meta.url);
  let root: string;
  try {
    root = packageRoot(require.resolve('@sparticuz/chromium'));
  } catch {
    throw new Error(
      `No Chromium found: /usr/bin/chromium is missing and @sparticuz/chromium is not installed. ${INSTALL_HINT}`,
    );
  }
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const compressed = join(root, 'bin', 'chromium.br');
  if (!existsSync(compressed))
    throw new Error(`@sparticuz/chromium ${version} has no bin/chromium.br. ${INSTALL_HINT}`);
  const folder = join(tmpdir(), `sparticuz-chromium-${version}`);
  const executable = join(folder, 'chromium');
  if (existsSync(executable) && statSync(executable).size > 0) return executable;
  mkdirSync(folder, { recursive: true });
  const partial = `${executable}.${process.pid}.partial`;
  await pipeline(createReadStream(compressed), createBrotliDecompress(), createWriteStream(partial, { mode: 0o755 }));
  renameSync(partial, executable);
  return executable;
}

// The package's "exports" hide its package.json and bin/: find its folder from its entry point.
function packageRoot(entry: string): string {
  for (let folder = dirname(entry); folder !== dirname(folder); folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'bin'))) return folder;
  }
  throw new Error(`no package folder above ${entry}`);
}

/**
 * A headless Chromium driven by playwright-core. Close it when done. Never skips: with no browser
 * it fails and names what to install.
 *
 * @example
 * const browser = await launchBrowser();
 * const page = await browser.newPage();
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await findChromium();
  try {
    return await chromium.launch({ executablePath, headless: true, args: ARGS });
  } catch (error) {
    throw new Error(
      `Chromium at ${executablePath} did not start: ${error instanceof Error ? error.message : String(error)}\n${INSTALL_HINT}`,
    );
  }
}
