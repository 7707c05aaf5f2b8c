/**
 * The shape every translation must have: the same keys as the English messages, each a
 * string. A missing, extra or misspelt key in another language fails typecheck.
 */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
