import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const exported = [...readFileSync(join(root, 'src/main.ts'), 'utf8').matchAll(/^export function (\w+)/gm)].map(
  (m) => m[1],
);

/** The function names in the first column of the table under «## Точки входа». */
function documented(): Set<string> {
  const doc = readFileSync(join(root, 'docs/DEVELOPMENT.md'), 'utf8');
  const start = doc.indexOf('## Точки входа');
  const section = doc.slice(start, doc.indexOf('\n## ', start + 1));
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const first = line.startsWith('|') ? line.split('|')[1] : '';
    for (const m of first.matchAll(/`(\w+)\(/g)) names.add(m[1]);
  }
  return names;
}

describe('DEVELOPMENT.md entry points', () => {
  it('finds the exports of src/main.ts', () => {
    expect(exported.length).toBeGreaterThan(10);
    expect(exported).toContain('getState');
  });

  it.each(exported)('names %s in the entry-point table', (name) => {
    expect(documented()).toContain(name);
  });
});
