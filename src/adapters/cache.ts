/**
 * CachePort over CacheService.getUserCache(): the current user's own cache — in a scheduled run the
 * trigger owner's, whose keys the run uses — opened at its first use (a quiet run never opens it).
 */
import type { CachePort } from '../usecases/ports';

export function userCache(): CachePort {
  let cache: GoogleAppsScript.Cache.Cache | undefined;
  const open = () => {
    cache ??= CacheService.getUserCache();
    return cache;
  };
  return {
    get: (key) => open().get(key),
    put: (key, value, seconds) => open().put(key, value, seconds),
    remove: (key) => open().remove(key),
  };
}
