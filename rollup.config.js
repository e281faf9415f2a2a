// Builds what `clasp push` sends (rootDir = dist): Code.js, Sidebar.html and appsscript.json.
const fs = require('node:fs');
const path = require('node:path');
const typescript = require('@rollup/plugin-typescript');
const { nodeResolve } = require('@rollup/plugin-node-resolve');

// The bundle's one global; everything else stays inside its IIFE.
const BUNDLE_GLOBAL = 'Ostatki';

// Where the build goes (clasp's rootDir is dist/; tests may build a variant elsewhere).
const OUT_DIR = path.resolve(process.env.OSTATKI_OUT_DIR || 'dist');

/**
 * Hosts of supplier files (csv and yml sources) the script may fetch, besides the marketplaces:
 * OSTATKI_EXTRA_FETCH_HOSTS="https://supplier.ru/price/,https://*.example.com/feeds/". Each is
 * a urlFetchWhitelist prefix: https, a full domain (one leading * allowed) and a non-empty path.
 */
function extraFetchHosts() {
  const list = (process.env.OSTATKI_EXTRA_FETCH_HOSTS || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const prefix of list) {
    if (!/^https:\/\/(\*\.)?[a-z0-9.-]+\.[a-z0-9-]+\/.*$/i.test(prefix)) {
      throw new Error(
        `OSTATKI_EXTRA_FETCH_HOSTS: "${prefix}" must look like https://host.example/path/ (https, full domain, a path)`,
      );
    }
  }
  return list;
}

function manifest() {
  const base = JSON.parse(fs.readFileSync('appsscript.json', 'utf8'));
  base.urlFetchWhitelist = [...base.urlFetchWhitelist, ...extraFetchHosts()];
  // Mail sources need Gmail; the scope is asked for only in a build that enables them.
  if (process.env.OSTATKI_EMAIL_SOURCES === '1')
    base.oauthScopes = [...base.oauthScopes, 'https://www.googleapis.com/auth/gmail.readonly'];
  return base;
}

/**
 * Apps Script calls entry points (menus, triggers, google.script.run) only as top-level function
 * declarations. Every named export of src/main.ts gets one that forwards to the bundle.
 */
function appsScriptEntryPoints() {
  return {
    name: 'apps-script-entry-points',
    renderChunk(code, chunk) {
      for (const name of chunk.exports) {
        if (name === 'default') throw new Error('src/main.ts must not have a default export');
        if (name.endsWith('_')) throw new Error(`entry point ${name}: names ending in "_" are private in Apps Script`);
      }
      // The manifest's allowlist, so that the script can explain a source it may not fetch.
      code = code.replace('__OSTATKI_URL_FETCH_WHITELIST__', () => JSON.stringify(manifest().urlFetchWhitelist));
      const forwards = chunk.exports
        .map((name) => `function ${name}() {\n  return ${BUNDLE_GLOBAL}.${name}.apply(null, arguments);\n}`)
        .join('\n');
      return { code: `${code}\n${forwards}\n`, map: null };
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'appsscript.json', source: `${JSON.stringify(manifest(), null, 2)}\n` });
    },
  };
}

/** HtmlService serves one file: the sidebar's script and style are inlined into its HTML. */
function inlineSidebar() {
  return {
    name: 'inline-sidebar',
    generateBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((item) => item.type === 'chunk' && item.isEntry);
      const css = fs.readFileSync(path.join('sidebar', 'style.css'), 'utf8');
      const html = fs.readFileSync(path.join('sidebar', 'index.html'), 'utf8');
      // A literal "</script" inside the code would end the inline script early.
      const js = chunk.code.replace(/<\/script/gi, '<\\/script');
      const page = html
        .replace('<!-- style -->', () => `<style>\n${css}</style>`)
        .replace('<!-- script -->', () => `<script>\n${js}</script>`);
      if (page === html) throw new Error('sidebar/index.html needs the <!-- style --> and <!-- script --> markers');
      delete bundle[chunk.fileName];
      this.emitFile({ type: 'asset', fileName: 'Sidebar.html', source: page });
    },
  };
}

module.exports = [
  {
    input: 'src/main.ts',
    output: { dir: OUT_DIR, entryFileNames: 'Code.js', format: 'iife', name: BUNDLE_GLOBAL, strict: true },
    // Entry points are reached only through the forwards, so nothing exported may be shaken off.
    treeshake: { moduleSideEffects: false },
    plugins: [
      nodeResolve(),
      typescript({ tsconfig: './tsconfig.json', noEmit: false, outDir: OUT_DIR }),
      appsScriptEntryPoints(),
    ],
  },
  {
    input: 'sidebar/src/main.ts',
    output: { dir: OUT_DIR, entryFileNames: 'sidebar.js', format: 'iife', name: 'OstatkiSidebar', strict: true },
    plugins: [typescript({ tsconfig: './sidebar/tsconfig.json', noEmit: false, outDir: OUT_DIR }), inlineSidebar()],
  },
];
