import '@fontsource/noto-sans-sc/latin-400.css';
import '@fontsource/noto-sans-sc/latin-700.css';
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';
import '@fontsource/noto-sans-sc/chinese-simplified-700.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { ServiceReport } from '../../../../../shared/api/fieldwork';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { isLocale } from '../../../i18n';
import { correctionChanges } from '../components/corrections';
import { REPORT_FONT, reportCss } from './report.css';

/** Every glyph the report shows, for loading the font's pieces before printing. */
const textOf = (r: ServiceReport) => JSON.stringify(r).replace(/data:[^"]+/g, '');

/** Waits for the bundled font (both weights, the report's own characters) and every image. */
const whenDrawn = async (sample: string) => {
  await Promise.all([
    document.fonts.load(`400 12px ${REPORT_FONT}`, sample),
    document.fonts.load(`700 12px ${REPORT_FONT}`, sample),
  ]);
  await Promise.all(
    [...document.querySelectorAll('.cims-report img')].map((img) =>
      (img as HTMLImageElement).decode().catch(() => undefined),
    ),
  );
  await document.fonts.ready;
};

/**
 * The service report's print view (`#/tickets/:number/report?lang=zh-CN`): what the PDF is made
 * of, in the language asked for, A4. It says when it is ready to print (`data-report-ready`).
 */
export const ReportPage = () => {
  const { number = '' } = useParams();
  const [search] = useSearchParams();
  const { i18n } = useTranslation();
  const asked = search.get('lang');
  const lng = isLocale(asked) ? asked : i18n.language;
  const photos = search.get('photos') !== '0';
  const t = useMemo(() => i18n.getFixedT(lng, 'fieldwork'), [i18n, lng]);
  const td = useMemo(() => i18n.getFixedT(lng, 'ticketDetail'), [i18n, lng]);
  const { data: report, loading } = useLiveQuery('fieldwork.report', { number, photos });
  const [ready, setReady] = useState(false);
  const when = useMemo(
    () => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }),
    [lng],
  );
  const time = (iso: string | null) => (iso ? when.format(new Date(iso)) : t('report.none'));

  useEffect(() => {
    if (!report) return;
    let live = true;
    setReady(false);
    void whenDrawn(textOf(report)).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [report]);

  useEffect(() => {
    document.title = `${t('report.title')} ${number}`;
  }, [t, number]);

  if (!report) {
    return (
      <div className="cims-report" lang={lng} data-report-ready={loading ? 'false' : 'missing'}>
        <style>{reportCss}</style>
        {!loading && <p data-testid="report-not-found">{t('report.notFound', { number })}</p>}
      </div>
    );
  }
  const { ticket, customer, site, asset, contact, visits, workLogs, totals, parts, signOff } = report;
  return (
    <article
      className="cims-report"
      lang={lng}
      data-report-ready={ready ? 'true' : 'false'}
      data-testid="service-report"
    >
      <style>{reportCss}</style>
      <h1>{t('report.title')}</h1>
      <p className="sub">
        {ticket.number} · {ticket.title}
      </p>
      <dl>
        <dt>{t('report.customer')}</dt>
        <dd data-testid="report-customer">
          {customer.name}
          {customer.nameZh && customer.nameZh !== customer.name ? ` · ${customer.nameZh}` : ''}
          {customer.code ? ` (${customer.code})` : ''}
        </dd>
        <dt>{t('report.site')}</dt>
        <dd>{[site.name, site.address].filter(Boolean).join(' · ') || t('report.none')}</dd>
        <dt>{t('report.asset')}</dt>
        <dd>
          {asset
            ? t('report.assetLine', {
                code: asset.code,
                model: asset.model ?? '—',
                serial: asset.serial ?? '—',
              })
            : t('report.none')}
        </dd>
        <dt>{t('report.contact')}</dt>
        <dd>{[contact.name, contact.phone].filter(Boolean).join(' · ')}</dd>
        <dt>{t('report.ticket')}</dt>
        <dd>
          {td(`severity.${ticket.severity}`)} · {td(`status.${ticket.status}`)} · {time(ticket.createdAt)}
        </dd>
      </dl>

      <h2>{t('report.fault')}</h2>
      <p className="pre">{ticket.description || ticket.title}</p>

      <h2>{t('report.workDone')}</h2>
      {ticket.resolution && (
        <p className="pre">
          <strong>{t('report.resolution')}: </strong>
          {ticket.resolution}
          {ticket.cause ? ` (${t('report.cause')}: ${td(`cause.${ticket.cause}`)})` : ''}
        </p>
      )}
      {workLogs.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('report.logHead.when')}</th>
              <th>{t('report.logHead.who')}</th>
              <th>{t('report.logHead.activity')}</th>
              <th className="num">{t('report.logHead.work')}</th>
              <th className="num">{t('report.logHead.travel')}</th>
            </tr>
          </thead>
          <tbody>
            {workLogs.map((l) => (
              <tr key={l.eventId}>
                <td>{time(l.at)}</td>
                <td>{l.authorName}</td>
                <td>{l.activity}</td>
                <td className="num">{l.workMinutes}</td>
                <td className="num">{l.travelMinutes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('report.visits')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('report.visitHead.technician')}</th>
            <th className="num">{t('report.visitHead.travel')}</th>
            <th>{t('report.visitHead.checkIn')}</th>
            <th>{t('report.visitHead.checkOut')}</th>
            <th className="num">{t('report.visitHead.onSite')}</th>
          </tr>
        </thead>
        <tbody>
          {visits.flatMap((v) => [
            <tr key={v.id}>
              <td>{v.technicianName}</td>
              <td className="num">{v.travelMinutes}</td>
              <td>{time(v.checkInAt)}</td>
              <td>{time(v.checkOutAt)}</td>
              <td className="num">{v.onSiteMinutes}</td>
            </tr>,
            ...(v.signedValues
              ? [
                  <tr key={`${v.id}-corrections`} data-testid="report-visit-corrections">
                    <td colSpan={5} className="small">
                      {t('corrections.signedAs', {
                        from: time(v.signedValues.checkInAt),
                        to: time(v.signedValues.checkOutAt),
                        travel: v.signedValues.travelMinutes,
                      })}
                      {v.corrections.map((c) => (
                        <div key={c.id}>
                          {t('corrections.row', {
                            author: c.authorName || t('report.none'),
                            time: time(c.at),
                            changes: correctionChanges(t, time, c),
                            reason: c.reason,
                          })}
                        </div>
                      ))}
                    </td>
                  </tr>,
                ]
              : []),
          ])}
          <tr>
            <th>{t('report.totals')}</th>
            <th className="num">{totals.travelMinutes}</th>
            <th colSpan={2}>
              {t('report.workTotal', { minutes: totals.workMinutes, visits: totals.visits })}
            </th>
            <th className="num">{totals.onSiteMinutes}</th>
          </tr>
        </tbody>
      </table>

      <h2>{t('report.parts')}</h2>
      {parts.length === 0 ? (
        <p>{t('report.noParts')}</p>
      ) : (
        <table data-testid="report-parts">
          <thead>
            <tr>
              <th>{t('report.partHead.action')}</th>
              <th>{t('report.partHead.number')}</th>
              <th>{t('report.partHead.serialIn')}</th>
              <th>{t('report.partHead.serialOut')}</th>
              <th className="num">{t('report.partHead.quantity')}</th>
            </tr>
          </thead>
          <tbody>
            {parts.map((p, i) => (
              <tr key={`${p.partNumber}-${p.serialIn}-${p.serialOut}-${i}`}>
                <td>{t(`report.partAction.${p.action}`)}</td>
                <td>{p.partNumber}</td>
                <td>{p.serialIn || t('report.none')}</td>
                <td>
                  {p.serialOut || t('report.none')}
                  {p.defective && ` (${t('report.defective')})`}
                </td>
                <td className="num">{p.quantity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {report.photos.length > 0 && (
        <>
          <h2>{t('report.photos')}</h2>
          <div className="photos">
            {report.photos.map((p, i) => (
              <figure key={`${p.fileName}-${i}`}>
                {p.dataUrl ? <img src={p.dataUrl} alt={p.caption ?? p.fileName} /> : null}
                <figcaption>{p.caption ?? p.fileName}</figcaption>
              </figure>
            ))}
          </div>
        </>
      )}

      <h2>{t('report.signOff')}</h2>
      {signOff ? (
        <div className="sign" data-testid="report-sign-off">
          <dl>
            <dt>{t('report.signer')}</dt>
            <dd>
              {signOff.signerName} · {time(signOff.at)}
            </dd>
            <dt>{t('report.score')}</dt>
            <dd>
              {signOff.score !== null ? t('report.scoreOf', { score: signOff.score }) : t('report.none')}
            </dd>
            {signOff.reason && (
              <>
                <dt>{t('report.reason')}</dt>
                <dd>{signOff.reason}</dd>
              </>
            )}
          </dl>
          {signOff.imageDataUrl && <img src={signOff.imageDataUrl} alt={signOff.signerName} />}
        </div>
      ) : (
        <p>{t('report.notSigned')}</p>
      )}
      <footer>{t('report.generated', { time: time(report.generatedAt) })}</footer>
    </article>
  );
};
