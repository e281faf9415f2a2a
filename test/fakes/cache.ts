/**
 * CacheService as Apps Script documents it: values are strings (anything else is stored as String()
 * makes it), a key holds at most 250 characters and a value at most 100 KB, an entry lives 600 s
 * unless told otherwise and at most 21,600 s (6 hours), and may vanish earlier (`evict`). Google
 * names the maximum but not what happens above it: the fake refuses it, so no code can rely on more.
 * Each user has a cache of their own; the script cache is shared.
 */
export const CACHE_KEY_LIMIT = 250;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;

export class FakeCache {
  private entries = new Map<string, { value: string; until: number }>();
  /** Every put, with the seconds asked for. */
  puts: { key: string; seconds: number }[] = [];

  constructor(private readonly now: () => number) {}

  private static key(key: unknown): string {
    const text = String(key);
    if (text.length > CACHE_KEY_LIMIT) throw new Error('Exception: Argument too large: key');
    return text;
  }

  get(key: unknown): string | null {
    const k = FakeCache.key(key);
    const entry = this.entries.get(k);
    if (!entry) return null;
    if (entry.until <= this.now()) {
      this.entries.delete(k);
      return null;
    }
    return entry.value;
  }

  put(key: unknown, value: unknown, expirationInSeconds: number = CACHE_DEFAULT_SECONDS): void {
    const k = FakeCache.key(key);
    const text = String(value);
    if (Buffer.byteLength(text, 'utf8') > CACHE_VALUE_LIMIT) throw new Error('Exception: Argument too large: value');
    const seconds = Number(expirationInSeconds);
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > CACHE_MAX_SECONDS)
      throw new Error('Exception: Invalid argument: expirationInSeconds');
    this.puts.push({ key: k, seconds });
    this.entries.set(k, { value: text, until: this.now() + Math.floor(seconds) * 1000 });
  }

  remove(key: unknown): void {
    this.entries.delete(FakeCache.key(key));
  }

  /** What Google may do at any time: the entries are gone before they expire. */
  evict(): void {
    this.entries.clear();
  }
}

export class FakeCacheService {
  private readonly users = new Map<string, FakeCache>();
  private readonly script: FakeCache;

  constructor(
    private readonly currentUser: () => string,
    private readonly now: () => number = Date.now,
  ) {
    this.script = new FakeCache(now);
  }

  getUserCache(): FakeCache {
    const user = this.currentUser();
    let cache = this.users.get(user);
    if (!cache) {
      cache = new FakeCache(this.now);
      this.users.set(user, cache);
    }
    return cache;
  }

  getScriptCache(): FakeCache {
    return this.script;
  }

  /** The user caches made so far, by user. */
  userCaches(): Map<string, FakeCache> {
    return this.users;
  }
}
