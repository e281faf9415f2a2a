/**
 * JSON values in a property store, split into parts: a property value holds at most about 8 KB
 * in practice (9 KB documented), so each part is kept well below that in UTF-8 bytes.
 */
import type { KeyValueStore } from './ports';

export const PART_BYTES = 7000;

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Splits text into parts of at most `maxBytes` UTF-8 bytes without cutting a character. */
export function splitByBytes(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of text) {
    const size = utf8Length(ch.codePointAt(0) as number);
    if (bytes + size > maxBytes) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  if (current !== '' || parts.length === 0) parts.push(current);
  return parts;
}

const countKey = (name: string) => `${name}.parts`;
const partKey = (name: string, i: number) => `${name}.${i}`;

export function saveJson(store: KeyValueStore, name: string, value: unknown, known?: Record<string, string>): void {
  const parts = splitByBytes(JSON.stringify(value), PART_BYTES);
  const all = known ?? store.getAll();
  const oldCount = Number(all[countKey(name)] ?? 0);
  const update: Record<string, string> = { [countKey(name)]: String(parts.length) };
  parts.forEach((p, i) => {
    update[partKey(name, i)] = p;
  });
  store.setMany(update);
  const stale: string[] = [];
  for (let i = parts.length; i < oldCount; i++) stale.push(partKey(name, i));
  if (stale.length) store.deleteMany(stale);
}

/** The stored value, or undefined when nothing (or something unreadable) is stored. */
export function loadJson(all: Record<string, string>, name: string): unknown {
  const count = Number(all[countKey(name)]);
  if (!Number.isInteger(count) || count < 1) return undefined;
  let text = '';
  for (let i = 0; i < count; i++) {
    const part = all[partKey(name, i)];
    if (part === undefined) return undefined;
    text += part;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function deleteJson(store: KeyValueStore, name: string, known?: Record<string, string>): void {
  const all = known ?? store.getAll();
  const keys = Object.keys(all).filter(
    (k) => k === countKey(name) || (k.startsWith(`${name}.`) && /^\d+$/.test(k.slice(name.length + 1))),
  );
  if (keys.length) store.deleteMany(keys);
}
