import { Navigate, useLocation, useParams } from 'react-router';
import { builtInViews, type BuiltInView, type QueueSettings, type SavedView } from '../../../../../shared/api/queue';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { Queue } from '../components/Queue';

export const isBuiltIn = (value: string | undefined): value is BuiltInView => builtInViews.includes(value as BuiltInView);
const SAVED = 'saved-';

export type ResolvedView = { key: string; base: BuiltInView; saved?: SavedView };

/** A route's view: a built-in queue, or `saved-<id>` for one of the user's own views. */
export const resolveView = (key: string | undefined, settings: QueueSettings): ResolvedView | null => {
  if (isBuiltIn(key)) return { key, base: key };
  const saved = key?.startsWith(SAVED) ? settings.views.find((v) => `${SAVED}${v.id}` === key) : undefined;
  return saved ? { key: key!, base: saved.filter.view, saved } : null;
};

/**
 * A ticket queue (`#/queue/:view`): one page at a time from main, filtered, searched and
 * sorted there, pushed again after every change, so 100,000 local tickets stay fast and live.
 * `#/queue` and unknown views open the user's default view.
 */
export const QueuePage = () => {
  const { view } = useParams();
  // A report's drill-down link is a new queue: its filters start from the link.
  const { search } = useLocation();
  const { data: settings } = useLiveQuery('queue.settings', {});
  if (isBuiltIn(view) && !settings) return <Queue key={view + search} view={{ key: view, base: view }} settings={undefined} />;
  if (!settings) return null;
  const resolved = resolveView(view, settings);
  if (!resolved) {
    const fallback = resolveView(settings.defaultView, settings) ? settings.defaultView : 'team';
    return <Navigate to={`/queue/${fallback}`} replace />;
  }
  return <Queue key={resolved.key + search} view={resolved} settings={settings} />;
};
