#!/usr/bin/env node
/**
 * The registry this project is built against serves native binaries for linux-x64-gnu only, so
 * `npm install` leaves the other platforms' optional packages (rollup, unrs-resolver, …) out of
 * package-lock.json, and `npm ci` then refuses the lock file as out of sync. This adds each
 * missing optional package back with the os/cpu/libc its name states, which makes `npm ci` skip
 * it on this platform exactly as it would with a complete lock file. Run after `npm install`
 * (`npm run lock`). It never touches an entry npm wrote.
 */
const fs = require('node:fs');

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'netbsd', 'sunos', 'aix', 'win32'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  const libc = parts.some((p) => p.startsWith('musl'))
    ? 'musl'
    : parts.some((p) => p.startsWith('gnu')) && os === 'linux'
      ? 'glibc'
      : undefined;
  return { os, cpu, libc };
}

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
const unknown = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/` : 'node_modules/';
    if (packages[`${base}${name}`] || packages[`node_modules/${name}`]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os && !cpu) {
      unknown.push(`${name} (needed by ${path || 'the project'})`);
      continue;
    }
    packages[`node_modules/${name}`] = {
      version: range.replace(/^[~^]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform packages`);
if (unknown.length) console.log(`complete-lockfile: not a platform package, left for npm: ${unknown.join(', ')}`);
