/**
 * The manager chain (DOMAIN.md "People and roles": assessments and ticket visibility follow
 * it). A chain must end: a person who would end up managing themself, directly or through
 * others, is refused by the admin screens and by the server alike.
 */
export interface ChainLink {
  id: string;
  managerId: string | null;
}

/** True when giving `personId` the manager `managerId` would close a loop in the chain. */
export function wouldManageThemself(people: readonly ChainLink[], personId: string, managerId: string | null): boolean {
  if (managerId === null) return false;
  const managerOf = new Map(people.map((p) => [p.id, p.managerId]));
  const seen = new Set<string>();
  let current: string | null = managerId;
  while (current !== null && !seen.has(current)) {
    if (current === personId) return true;
    seen.add(current);
    current = managerOf.get(current) ?? null;
  }
  return false;
}

export interface ChainNode<P extends ChainLink> {
  person: P;
  reports: ChainNode<P>[];
}

/**
 * The chain as a forest: people without a manager (or whose manager is unknown) are roots.
 * A loop that slipped in anyway (older data) is cut where it is met, so every person shows once.
 */
export function managerTree<P extends ChainLink>(people: readonly P[], order: (a: P, b: P) => number = () => 0): ChainNode<P>[] {
  const ids = new Set(people.map((p) => p.id));
  const children = new Map<string, P[]>();
  const roots: P[] = [];
  for (const p of people) {
    if (p.managerId !== null && ids.has(p.managerId) && p.managerId !== p.id) {
      const list = children.get(p.managerId) ?? [];
      list.push(p);
      children.set(p.managerId, list);
    } else roots.push(p);
  }
  const placed = new Set<string>();
  const build = (p: P): ChainNode<P> => {
    placed.add(p.id);
    const reports = (children.get(p.id) ?? []).filter((c) => !placed.has(c.id)).sort(order);
    return { person: p, reports: reports.map(build) };
  };
  const forest = [...roots].sort(order).map(build);
  // People on a loop have no root above them: start a tree at the first one met.
  for (const p of [...people].sort(order)) if (!placed.has(p.id)) forest.push(build(p));
  return forest;
}
