/**
 * Choices for the queue's filters that name records: teams, people and customers of the
 * local store (what this user may see, as synced), product lines and regions among them.
 */
import { combineLatest, map, type Observable } from 'rxjs';
import type { FilterOption, QueueFilterOptions } from '../../../shared/api/queue';
import type { Customer, Person, Team } from '../../../shared/schema';
import type { CimsDatabase } from '../../db/open';

/** A filter menu, not a directory: beyond this many customers the user searches instead. */
export const MAX_CUSTOMER_OPTIONS = 5000;

const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label);
const withZh = (id: string, label: string, labelZh: string | undefined): FilterOption => (labelZh ? { id, label, labelZh } : { id, label });

const plain = <T>(docs: { toJSON(): unknown }[]): T[] => docs.map((d) => d.toJSON() as T);

export const filterOptions$ = (db: CimsDatabase): Observable<[Team[], Person[], Customer[]]> =>
  combineLatest([
    db.teams.find({ selector: { active: true } }).$,
    db.people.find({ selector: { active: true } }).$,
    db.customers.find({ limit: MAX_CUSTOMER_OPTIONS }).$,
  ]).pipe(map(([t, p, c]) => [plain<Team>(t), plain<Person>(p), plain<Customer>(c)]));

export const toFilterOptions = ([teams, people, customers]: [Team[], Person[], Customer[]]): QueueFilterOptions => ({
  teams: teams.map((t) => withZh(t.id, t.name, t.nameZh)).sort(byLabel),
  people: people.map((p) => ({ id: p.id, label: p.displayName })).sort(byLabel),
  customers: customers.map((c) => withZh(c.id, c.name, c.nameZh)).sort(byLabel),
  productLines: [...new Set(teams.flatMap((t) => t.productLines))].sort(),
  regions: [...new Set([...teams.map((t) => t.region), ...customers.map((c) => c.region)])].sort(),
});
