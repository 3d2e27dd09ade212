// The last step of `npm run build`: the compiled modules of dist/ joined into a few files in
// dist/bundle/, so that a command loads a handful of files instead of a few hundred (`run` starts
// about 0.1 s sooner). Two entry points: main.js (the CLI; each command still loads only what it
// needs, as a chunk of its own) and server.js (the embedded reference server, which runs in a
// worker thread). npm packages stay outside the bundle, loaded from node_modules as before.
//
// A compiled module that finds a file beside itself through import.meta.url (the JSON schemas, the
// generated validators, package.json, the server's worker) would look in dist/bundle/ instead:
// each such import.meta.url is rewritten to the URL of the module's own place in dist/.
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';

export const BUNDLE_DIR = 'bundle';

/** An esbuild plugin: `import.meta.url` in a file of dist/ means that file's URL, wherever the bundle lands. */
export function ownUrlPlugin(dist, outdir) {
  return {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(dist)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const own = relative(outdir, args.path).split(sep).join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, import.meta.url).href`), loader: 'js' };
      });
    },
  };
}

/**
 * Writes dist/bundle/ from the compiled modules. `dist` ends with a path separator. Returns the
 * files written; throws when esbuild is missing or fails (the caller decides whether that stops
 * the build: without the bundle the CLI runs the modules of dist/ one by one).
 */
export async function bundle(dist) {
  const { build } = await import('esbuild');
  const outdir = `${dist}${BUNDLE_DIR}`;
  const result = await build({
    entryPoints: { main: `${dist}cli/main.js`, server: `${dist}server/index.js` },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: '[name]-[hash]',
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    plugins: [ownUrlPlugin(dist, outdir)],
  });
  return Object.keys(result.metafile.outputs);
}
