/**
 * The settings form's working copy and what its parts share. The copy starts as the stored settings
 * (State['settings']) and is edited in place; the server validates it on «Сохранить».
 */
import type { call } from './server';

export type State = Awaited<ReturnType<typeof call<'getState'>>>;
export type Settings = State['settings'];
export type Warehouse = Settings['warehouses'][number];
export type Source = NonNullable<Warehouse['source']>;
type StoredChannel = Settings['channels'][number];
/** A channel added in the form has no marketplace target yet; the server fills it in as empty. */
export type Channel = Omit<StoredChannel, 'target'> & Partial<Pick<StoredChannel, 'target'>>;
export type Rule = Channel['rule'];
export type ChannelFilter = NonNullable<Channel['filter']>;

/**
 * The stored settings as the form edits them: parts the server fills with defaults may be missing
 * or partial (a new channel's target, reserves and guard built up field by field).
 */
export type Draft = Omit<Settings, 'reserves' | 'guard' | 'channels'> & {
  reserves?: Partial<Settings['reserves']>;
  guard?: Partial<Settings['guard']>;
  channels: Channel[];
};

/** What every part of the form gets: the draft, the state it came from, and a way to redraw it all. */
export interface FormContext {
  readonly state: State;
  readonly draft: Draft;
  /** Redraws the whole form from the draft, after a change that adds or removes fields. */
  rerender(): void;
}

/** The first free id of the form `${prefix}1`, `${prefix}2`, … */
export function nextId(prefix: string, taken: string[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`${prefix}${i}`)) return `${prefix}${i}`;
}
