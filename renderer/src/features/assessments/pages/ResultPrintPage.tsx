import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { calibratedScores } from '../../../../../shared/domain/assessment';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { isLocale } from '../../../i18n';

const css = `
  @page { size: A4; margin: 18mm; }
  .cims-result { font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; color: #111; max-width: 180mm; margin: 0 auto; }
  .cims-result h1 { font-size: 20pt; margin: 0 0 4pt; }
  .cims-result .sub { color: #555; margin: 0 0 12pt; }
  .cims-result table { border-collapse: collapse; width: 100%; margin: 8pt 0; }
  .cims-result th, .cims-result td { border-bottom: 1px solid #ccc; padding: 4pt; text-align: left; }
  .cims-result td.n { text-align: right; }
`;

/**
 * `#/assessments/:cycle/result/:person?lang=zh-CN`: a person's final result as a print view,
 * what its PDF is made of (A4). Only what the review query answers the viewer, so only one's
 * own result or one's chain's; it says when it is ready to print (`data-report-ready`).
 */
export const ResultPrintPage = () => {
  const { cycle: cycleId = '', person: personId = '' } = useParams();
  const [search] = useSearchParams();
  const { i18n } = useTranslation();
  const asked = search.get('lang');
  const lng = isLocale(asked) ? asked : i18n.language;
  const t = useMemo(() => i18n.getFixedT(lng, 'assessments'), [i18n, lng]);
  const { data: view, loading } = useLiveQuery('assessments.review', { cycleId, personId });
  const [ready, setReady] = useState(false);
  const final = view && (view.phase === 'acknowledgement' || view.phase === 'closed') && view.total !== null;
  useEffect(() => {
    if (!final) return;
    let live = true;
    // Printed once the fonts are in (where the document has none to load, at once).
    void ((document.fonts as FontFaceSet | undefined)?.ready ?? Promise.resolve()).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [final]);
  if (!view || !final)
    return (
      <div className="cims-result" lang={lng} data-report-ready={loading ? 'false' : 'missing'}>
        <style>{css}</style>
        {!loading && <p data-testid="result-not-found">{t('review.notFound')}</p>}
      </div>
    );
  const name = lng === 'zh-CN' && view.person.nameZh ? view.person.nameZh : view.person.name;
  const scores = new Map(calibratedScores({ managerReview: { ...view.managerReview, scores: view.managerReview.scores.map((s) => ({ ...s })) }, calibration: { adjustments: view.calibration.map((c) => ({ ...c, byId: '' })), note: '' } }).map((s) => [s.criterion, s.score]));
  return (
    <article className="cims-result" lang={lng} data-report-ready={ready ? 'true' : 'false'} data-testid="result-print">
      <style>{css}</style>
      <h1>{t('review.heading', { name })}</h1>
      <p className="sub">
        {view.cycle.name} · {t(`phase.${view.phase}`)}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('calibration.bucket')}</th>
            <th className="n">{t('review.score')}</th>
          </tr>
        </thead>
        <tbody>
          {view.criteria.map((c) => (
            <tr key={c.key}>
              <td>
                {lng === 'zh-CN' ? c.labelZh : c.labelEn} · {t('review.weight', { weight: `${Math.round(c.weight * 100)}%` })}
              </td>
              <td className="n">{scores.get(c.key) ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="result-print-total">
        {t('review.total')}: <strong>{(Math.round(view.total! * 100) / 100).toString()}</strong> · {view.outcome ? t(`outcome.${view.outcome}`) : ''}
      </p>
      {view.acknowledgement && (
        <p>
          {t('review.acknowledged', { when: new Intl.DateTimeFormat(lng, { dateStyle: 'medium' }).format(new Date(view.acknowledgement.at)) })}
          {view.acknowledgement.comment ? ` — ${view.acknowledgement.comment}` : ''}
        </p>
      )}
    </article>
  );
};
