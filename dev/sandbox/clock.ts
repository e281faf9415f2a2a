/**
 * Simulated time shared between threads: the sandboxes' rate limits, the connectors' scheduler and
 * Utilities.sleep all read and move one SharedArrayBuffer, so waiting costs no real time and
 * "how long did the run take" is exact.
 */
export class VirtualClock {
  private readonly cell: BigInt64Array;

  constructor(
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8),
    start?: number,
  ) {
    this.cell = new BigInt64Array(buffer);
    if (start !== undefined) Atomics.store(this.cell, 0, BigInt(Math.round(start)));
  }

  now(): number {
    return Number(Atomics.load(this.cell, 0));
  }

  advance(ms: number): void {
    if (ms > 0) Atomics.add(this.cell, 0, BigInt(Math.round(ms)));
  }

  set(ms: number): void {
    Atomics.store(this.cell, 0, BigInt(Math.round(ms)));
  }

  /** The Timer connectors use: sleeping only moves the clock. */
  timer(): { now(): number; sleep(ms: number): void } {
    return { now: () => this.now(), sleep: (ms: number) => this.advance(ms) };
  }
}
