import type { z } from 'zod';

/**
 * A command: an input schema and the type of its result. The result type is a phantom
 * (never read at run time) so both sides of the contract infer it from one declaration.
 */
export interface CommandSpec<I extends z.ZodType, R> {
  readonly input: I;
  readonly _result?: R;
}

/** A live query: parameters in, a result pushed again after every change. */
export interface LiveQuerySpec<P extends z.ZodType, R> {
  readonly params: P;
  readonly _result?: R;
}

export const command = <R>() => <I extends z.ZodType>(input: I): CommandSpec<I, R> => ({ input });
export const liveQuery = <R>() => <P extends z.ZodType>(params: P): LiveQuerySpec<P, R> => ({ params });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the spec's schema and result are inferred per entry
type AnyCommand = CommandSpec<any, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
type AnyLiveQuery = LiveQuerySpec<any, unknown>;

/**
 * A feature's part of the contract: its commands and live queries. Each feature declares
 * one in `shared/api/<feature>.ts`; the contract merges them.
 */
export interface ApiSlice {
  readonly commands: Readonly<Record<string, AnyCommand>>;
  readonly liveQueries: Readonly<Record<string, AnyLiveQuery>>;
}

export const slice = <C extends Record<string, AnyCommand>, L extends Record<string, AnyLiveQuery>>(parts: {
  commands: C;
  liveQueries: L;
}): { readonly commands: C; readonly liveQueries: L } => parts;

type NamesOf<S extends ApiSlice> = keyof S['commands'] | keyof S['liveQueries'];

/** The names declared by more than one slice of the tuple; `never` when all are unique. */
export type DuplicateNames<S extends readonly ApiSlice[], Seen = never> = S extends readonly [
  infer Head extends ApiSlice,
  ...infer Rest extends readonly ApiSlice[],
]
  ? (NamesOf<Head> & Seen) | DuplicateNames<Rest, Seen | NamesOf<Head>>
  : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Flatten<T> = { [K in keyof T]: T[K] };

export type MergedCommands<S extends readonly ApiSlice[]> = Flatten<UnionToIntersection<S[number]['commands']>>;
export type MergedLiveQueries<S extends readonly ApiSlice[]> = Flatten<UnionToIntersection<S[number]['liveQueries']>>;

/**
 * Merges feature slices into one contract. A name declared twice is a type error at the
 * call site (the argument list must then carry a `duplicateNames` property it cannot have)
 * and, should a cast hide it, an error when the module loads.
 */
export const mergeSlices = <const S extends readonly ApiSlice[]>(
  ...slices: S & ([DuplicateNames<S>] extends [never] ? unknown : { duplicateNames: DuplicateNames<S> })
): { commands: MergedCommands<S>; liveQueries: MergedLiveQueries<S> } => {
  const commands: Record<string, AnyCommand> = {};
  const liveQueries: Record<string, AnyLiveQuery> = {};
  const seen = new Set<string>();
  const claim = (name: string) => {
    if (seen.has(name)) throw new Error(`API name declared twice: ${name}`);
    seen.add(name);
  };
  for (const part of slices as readonly ApiSlice[]) {
    for (const [name, spec] of Object.entries(part.commands)) {
      claim(name);
      commands[name] = spec;
    }
    for (const [name, spec] of Object.entries(part.liveQueries)) {
      claim(name);
      liveQueries[name] = spec;
    }
  }
  return { commands, liveQueries } as { commands: MergedCommands<S>; liveQueries: MergedLiveQueries<S> };
};
