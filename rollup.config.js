// Builds what `clasp push` sends (rootDir = dist): Code.js, Sidebar.html and appsscript.json.
const fs = require('node:fs');
const path = require('node:path');
const typescript = require('@rollup/plugin-typescript');
const { nodeResolve } = require('@rollup/plugin-node-resolve');

// The bundle's one global; everything else stays inside its IIFE.
const BUNDLE_GLOBAL = 'Ostatki';

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
      const forwards = chunk.exports
        .map((name) => `function ${name}() {\n  return ${BUNDLE_GLOBAL}.${name}.apply(null, arguments);\n}`)
        .join('\n');
      return { code: `${code}\n${forwards}\n`, map: null };
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'appsscript.json', source: fs.readFileSync('appsscript.json', 'utf8') });
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
    output: { dir: 'dist', entryFileNames: 'Code.js', format: 'iife', name: BUNDLE_GLOBAL, strict: true },
    // Entry points are reached only through the forwards, so nothing exported may be shaken off.
    treeshake: { moduleSideEffects: false },
    plugins: [nodeResolve(), typescript({ tsconfig: './tsconfig.json', noEmit: false, outDir: 'dist'}), appsScriptEntryPoints()],
  },
  {
    input: 'sidebar/src/main.ts',
    output: { dir: 'dist', entryFileNames: 'sidebar.js', format: 'iife', name: 'OstatkiSidebar', strict: true },
    plugins: [typescript({ tsconfig: './sidebar/tsconfig.json', noEmit: false, outDir: 'dist'}), inlineSidebar()],
  },
];
