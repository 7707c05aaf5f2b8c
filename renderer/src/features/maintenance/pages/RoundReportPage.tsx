import '@fontsource/noto-sans-sc/latin-400.css';
import '@fontsource/noto-sans-sc/latin-700.css';
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';
import '@fontsource/noto-sans-sc/chinese-simplified-700.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { rangeText } from '../../../../../shared/domain/maintenance';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { isLocale } from '../../../i18n';
import { REPORT_FONT, reportCss } from '../../fieldwork/pages/report.css';

/**
 * A round's report, the print view its PDF is made of (`#/maintenance/rounds/:id/report?lang=`):
 * every asset's readings with their ranges and results, the faults raised and the sign-off,
 * A4, in the language asked for. It says when it is ready to print (`data-report-ready`).
 */
export const RoundReportPage = () => {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { i18n } = useTranslation();
  const asked = search.get('lang');
  const lng = isLocale(asked) ? asked : i18n.language;
  const lang = lng.startsWith('zh') ? 'zh-CN' : 'en';
  const t = useMemo(() => i18n.getFixedT(lng, 'maintenance'), [i18n, lng]);
  const { data: round, loading } = useLiveQuery('maintenance.round', { roundId: id });
  const [ready, setReady] = useState(false);
  const when = useMemo(() => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }), [lng]);

  useEffect(() => {
    if (!round) return;
    let live = true;
    setReady(false);
    const sample = JSON.stringify(round);
    // A page without the font loading API (a test DOM) prints with what it has.
    const fonts = (document as Partial<Document>).fonts;
    if (!fonts) {
      setReady(true);
      return;
    }
    void Promise.all([fonts.load(`400 12px ${REPORT_FONT}`, sample), fonts.load(`700 12px ${REPORT_FONT}`, sample)])
      .then(() => fonts.ready)
      .then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [round]);

  useEffect(() => {
    document.title = t('report.title');
  }, [t]);

  if (!round || !round.template) {
    return (
      <div className="cims-report" lang={lng} data-report-ready={loading ? 'false' : 'missing'}>
        <style>{reportCss}</style>
        {!loading && <p>{t('round.notHere')}</p>}
      </div>
    );
  }
  const s = round.summary;
  const template = round.template;
  return (
    <article className="cims-report" lang={lng} data-report-ready={ready ? 'true' : 'false'} data-testid="round-report">
      <style>{reportCss}</style>
      <h1>{t('report.title')}</h1>
      <p className="sub">{s.planName}</p>
      <dl>
        <dt>{t('report.customer')}</dt>
        <dd>{s.customerName}</dd>
        <dt>{t('report.site')}</dt>
        <dd>{s.siteName ?? '—'}</dd>
        <dt>{t('report.due')}</dt>
        <dd>
          {s.dueDate} · {t(`timing.${s.timing}`)} · {t(`status.${s.status}`)}
        </dd>
        <dt>{t('report.template')}</dt>
        <dd>{t('round.templateVersion', { name: template.name[lang], version: template.version })}</dd>
        <dt>{t('report.signedBy')}</dt>
        <dd>{round.signedAt ? `${round.customerSigner} · ${when.format(new Date(round.signedAt))}` : '—'}</dd>
      </dl>
      <table>
        <thead>
          <tr>
            <th>{t('report.asset')}</th>
            <th>{t('report.item')}</th>
            <th className="num">{t('report.reading')}</th>
            <th>{t('report.range')}</th>
            <th>{t('report.result')}</th>
          </tr>
        </thead>
        <tbody>
          {round.assets.flatMap((a) =>
            template.items.map((item) => {
              const r = a.readings[item.key];
              const value = r === undefined ? '—' : item.type === 'yesno' ? (r.value ? t('round.yes') : t('round.no')) : item.type === 'choice' ? (item.options.find((o) => o.value === r.value)?.label[lang] ?? String(r.value)) : item.type === 'photo' ? t('round.photos', { count: r.photos.length }) : `${String(r.value)}${item.type === 'number' && item.unit ? ` ${item.unit}` : ''}`;
              return (
                <tr key={`${a.assetId}-${item.key}`}>
                  <td>{a.assetCode}</td>
                  <td>{item.label[lang]}</td>
                  <td className="num">{value}</td>
                  <td>{rangeText(item)}</td>
                  <td>{r === undefined ? '—' : r.outOfRange ? `${t('round.fault')}${r.ticketNumber ? ` · ${r.ticketNumber}` : ''}` : t('round.normal')}</td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </article>
  );
};
