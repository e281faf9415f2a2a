import type { Clock } from '../usecases/ports';

export const systemClock: Clock = { now: () => Date.now() };
