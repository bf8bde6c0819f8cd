// Builds the policy studio into a static folder any static host can serve: no server, no CDN,
// everything it needs in the folder. `npm run build:studio` runs this; tests import buildStudio().
//
// esbuild (already here for tsup) bundles the studio, the library's own source, CodeMirror and the
// schema into one entry script, and splits Mermaid into chunks loaded only when the diagram is drawn.
// A bundler with a dev server (Vite) would add a second toolchain for no gain: the page is one entry,
// and esbuild's metafile gives the first-load size directly.
import { build } from 'esbuild';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const STUDIO = dirname(dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_OUTDIR = join(STUDIO, 'dist');

// codemirror-json-schema renders schema descriptions as Markdown with markdown-it and highlights code
// in them with shiki (about 250 KB minified, loaded on start). The policy schema's descriptions are
// plain sentences, so its renderer is replaced by one that escapes the text and keeps paragraphs.
const plainDescriptions = {
  name: 'plain-schema-descriptions',
  setup(builder) {
    builder.onResolve({ filter: /\/utils\/markdown(\.js)?$/ }, (args) =>
      args.importer.includes('codemirror-json-schema') ? { path: join(STUDIO, 'src', 'plainMarkdown.ts') } : undefined,
    );
  },
};

/**
 * Builds the studio into `outdir` and returns what the first load fetches, raw and gzipped.
 * @param {{ outdir?: string, minify?: boolean }} [options]
 */
export async function buildStudio({ outdir = DEFAULT_OUTDIR, minify = true } = {}) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: { studio: join(STUDIO, 'src', 'main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox120', 'safari17'],
    minify,
    sourcemap: false,
    legalComments: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    plugins: [plainDescriptions],
  });
  await copyFile(join(STUDIO, 'index.html'), join(outdir, 'index.html'));
  await copyFile(join(STUDIO, 'studio.css'), join(outdir, 'studio.css'));
  const report = firstLoad(result.metafile, outdir);
  await writeFile(join(outdir, 'size.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (process.env.STUDIO_METAFILE) await writeFile(process.env.STUDIO_METAFILE, JSON.stringify(result.metafile));
  return report;
}

/** The files a first visit fetches: the page, its stylesheet, the entry script and its static imports. */
function firstLoad(metafile, outdir) {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint && file.endsWith('studio.js'));
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    for (const imported of outputs[file].imports)
      if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(entry);
  const sizes = [join(outdir, 'index.html'), join(outdir, 'studio.css'), ...files].map((file) => {
    const bytes = readFileSync(file);
    return { file: relative(outdir, file), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const lazy = Object.keys(outputs).filter((file) => file.endsWith('.js') && !files.has(file));
  const lazyBytes = lazy.reduce((sum, file) => sum + outputs[file].bytes, 0);
  return {
    firstLoad: { files: sizes, bytes: sum(sizes, 'bytes'), gzip: sum(sizes, 'gzip') },
    lazy: { files: lazy.length, bytes: lazyBytes },
  };
}

const sum = (list, key) => list.reduce((total, item) => total + item[key], 0);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await buildStudio();
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    `studio built in ${relative(process.cwd(), DEFAULT_OUTDIR) || '.'}: first load ${kb(report.firstLoad.gzip)} gzipped (${kb(report.firstLoad.bytes)} raw); Mermaid and the rest load later (${report.lazy.files} files, ${kb(report.lazy.bytes)} raw)`,
  );
}
