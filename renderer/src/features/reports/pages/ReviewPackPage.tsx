import '@fontsource/noto-sans-sc/latin-400.css';
import '@fontsource/noto-sans-sc/latin-700.css';
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';
import '@fontsource/noto-sans-sc/chinese-simplified-700.css';
import { Box, Button, ThemeProvider } from '@mui/material';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { reportQuerySchema, type ReportAnswer, type ReportName, type ReportQuery } from '../../../../../shared/api/reports';
import { createAppTheme } from '../../../app/theme';
import { createI18n, isLocale } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { CsatView, EscalationsView, SlaView } from '../components/FlowViews';
import { PrintingContext } from '../components/printing';
import { BacklogView, ProblemsView } from '../components/StateViews';
import { Tl9000View } from '../components/Tl9000View';
import { defaultPeriod, useReport } from '../components/useReport';

const FONT = "'Noto Sans SC', sans-serif";

// A4 portrait, black on white whatever the app's theme; the bundled Noto Sans SC for every
// glyph, so Chinese text embeds the same on any machine. The page is as wide on screen as in
// print, so the charts measured on screen fit the paper. Each section starts a page.
const css = `
@page { size: A4; margin: 12mm 12mm 14mm; }
html, body { background: #fff; }
.cims-pack { width: 186mm; margin: 0 auto; color: #111; background: #fff; }
.cims-pack, .cims-pack * { font-family: ${FONT} !important; }
.cims-pack .pack-section { break-before: page; }
.cims-pack .pack-section > h2 { font-size: 16pt; margin: 0 0 4mm; padding-bottom: 1mm; border-bottom: 0.5mm solid #1a3d7c; color: #1a3d7c; }
.cims-pack .pack-cover { min-height: 240mm; display: flex; flex-direction: column; justify-content: center; }
.cims-pack .pack-cover h1 { font-size: 26pt; margin: 0 0 10mm; color: #1a3d7c; }
.cims-pack .pack-cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 3mm 8mm; font-size: 12pt; margin: 0 0 12mm; }
.cims-pack .pack-cover dt { color: #555; }
.cims-pack .pack-cover dd { margin: 0; }
.cims-pack .pack-cover ol { font-size: 12pt; line-height: 1.8; }
.cims-pack table { font-size: 8pt; }
.cims-pack td, .cims-pack th { padding: 2px 4px; }
.cims-pack tr { break-inside: avoid; }
`;

const SECTIONS = ['tl9000', 'sla', 'backlog', 'escalations', 'csat', 'problems'] as const satisfies readonly ReportName[];

/** "2026 Q3" when the period is a calendar quarter, else "2026-07 to 2026-09". */
const usePeriodText = (q: ReportQuery) => {
  const { t } = useTranslation('reports');
  const [fy, fm] = q.from.split('-').map(Number) as [number, number];
  const [ty, tm] = q.to.split('-').map(Number) as [number, number];
  if (fy === ty && fm % 3 === 1 && tm === fm + 2) return t('pack.quarter', { year: String(fy), quarter: String((fm + 2) / 3) });
  if (q.from === q.to) return q.from;
  return t('pack.months', { from: q.from, to: q.to });
};

/**
 * `#/reports/review-pack?from=2026-07&to=2026-09&lang=zh-CN&org=…`: the quarterly management
 * review pack, the print view its PDF is made of. A cover (organisation, period, scope, when),
 * then each report on its own pages with its charts and tables, as the report screens draw
 * them. It says when it is ready to print (`data-report-ready`): every report answered, the
 * fonts loaded and every chart drawn.
 */
export const ReviewPackPage = () => {
  const [search] = useSearchParams();
  const { i18n } = useTranslation();
  const { t } = useTranslation('reports');
  const navigate = useNavigate();
  const asked = search.get('lang');
  const lng = isLocale(asked) ? asked : isLocale(i18n.language) ? i18n.language : 'en';
  // The pack's own language, whatever the app shows: an instance of its own for this page.
  const packI18n = useMemo(() => createI18n(lng), [lng]);
  const theme = useMemo(() => createAppTheme('light', lng), [lng]);
  const raw = { ...defaultPeriod(), ...Object.fromEntries(['from', 'to', 'productLine', 'region', 'teamId'].flatMap((k) => (search.get(k) ? [[k, search.get(k)!]] : []))) };
  const parsed = reportQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : defaultPeriod();
  return (
    <I18nextProvider i18n={packI18n}>
      <ThemeProvider theme={theme}>
        {/* Opened from the app (a monthly pack's notification), not for printing: a way back. */}
        {search.get('print') !== '1' && (
          <Box sx={{ width: '186mm', mx: 'auto', pt: 1, '@media print': { display: 'none' } }}>
            <Button size="small" onClick={() => void navigate(-1)} data-testid="pack-back">
              {t('pack.back')}
            </Button>
          </Box>
        )}
        <PrintingContext.Provider value={true}>
          <Pack query={query} organisation={search.get('org') ?? ''} lng={lng} />
        </PrintingContext.Provider>
      </ThemeProvider>
    </I18nextProvider>
  );
};

const Pack = ({ query, organisation, lng }: { query: ReportQuery; organisation: string; lng: string }) => {
  const { t } = useTranslation('reports');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const period = usePeriodText(query);
  const reports = {
    tl9000: useReport('tl9000', query),
    sla: useReport('sla', query),
    backlog: useReport('backlog', query),
    escalations: useReport('escalations', query),
    csat: useReport('csat', query),
    problems: useReport('problems', query),
  };
  const all = SECTIONS.map((s) => reports[s]);
  const error = all.find((r) => r.error)?.error ?? null;
  const answered = all.every((r) => r.answer !== undefined);
  const root = useRef<HTMLElement>(null);
  const [ready, setReady] = useState(false);
  const [generatedAt] = useState(() => new Date());

  const title = t(query.from === query.to ? 'pack.monthlyTitle' : 'pack.title');
  useEffect(() => {
    document.title = `${title} · ${period}`;
  }, [title, period]);

  useEffect(() => {
    if (!answered) return;
    let live = true;
    // A page without the font loading API (a test DOM) has nothing to wait for.
    const fonts = (document as Partial<Document>).fonts;
    if (!fonts) {
      setReady(true);
      return;
    }
    const sample = root.current?.textContent ?? '';
    const chartsDrawn = () =>
      [...(root.current?.querySelectorAll('[data-chart]') ?? [])].every((c) => {
        const surface = c.querySelector('.MuiChartsSurface-root');
        return surface !== null && surface.querySelector('svg') !== null && surface.getBoundingClientRect().width > 0;
      });
    const settle = () => {
      if (!live) return;
      if (chartsDrawn()) setReady(true);
      else requestAnimationFrame(settle);
    };
    void Promise.all([fonts.load(`400 12px ${FONT}`, sample), fonts.load(`700 12px ${FONT}`, sample)])
      .then(() => fonts.ready)
      .then(() => requestAnimationFrame(settle));
    return () => {
      live = false;
    };
  }, [answered]);

  const scope = [
    query.productLine && `${t('filters.productLine')}: ${query.productLine}`,
    query.region && `${t('filters.region')}: ${query.region}`,
    query.teamId && `${t('filters.team')}: ${query.teamId}`,
  ].filter(Boolean);
  const body = (name: (typeof SECTIONS)[number]): ReactNode => {
    const a = reports[name].answer;
    if (!a) return null;
    switch (name) {
      case 'tl9000':
        return <Tl9000View data={(a as ReportAnswer<'tl9000'>).data} />;
      case 'sla':
        return <SlaView data={(a as ReportAnswer<'sla'>).data} />;
      case 'backlog':
        return <BacklogView data={(a as ReportAnswer<'backlog'>).data} />;
      case 'escalations':
        return <EscalationsView data={(a as ReportAnswer<'escalations'>).data} />;
      case 'csat':
        return <CsatView data={(a as ReportAnswer<'csat'>).data} />;
      case 'problems':
        return <ProblemsView data={(a as ReportAnswer<'problems'>).data} />;
    }
  };
  const sources = new Set(all.flatMap((r) => (r.answer ? [r.answer.source] : [])));

  return (
    <article ref={root} className="cims-pack" lang={lng} data-report-ready={error ? 'error' : ready ? 'true' : 'false'} data-testid="review-pack">
      <style>{css}</style>
      <section className="pack-cover" data-testid="pack-cover">
        <h1>{title}</h1>
        <dl>
          <dt>{t('pack.organisation')}</dt>
          <dd data-testid="pack-organisation">{organisation || t('none')}</dd>
          <dt>{t('pack.period')}</dt>
          <dd data-testid="pack-period">{period}</dd>
          <dt>{t('pack.scope')}</dt>
          <dd data-testid="pack-scope">{scope.length > 0 ? scope.join(' · ') : t('pack.allData')}</dd>
          <dt>{t('pack.generatedAt')}</dt>
          <dd>{format.dateTimeLong(generatedAt)}</dd>
        </dl>
        {[...sources].map((s) => (
          <p key={s}>{t(`source.${s}`)}</p>
        ))}
        {error && <p data-testid="pack-error">{tc(`errors.${error.code}`)}</p>}
        <h2>{t('pack.contents')}</h2>
        <ol>
          {SECTIONS.map((s) => (
            <li key={s}>{t(`pack.sections.${s}`)}</li>
          ))}
        </ol>
      </section>
      {SECTIONS.map((s) => (
        <section key={s} className="pack-section" aria-labelledby={`pack-${s}`} data-testid={`pack-${s}`}>
          <h2 id={`pack-${s}`}>{t(`pack.sections.${s}`)}</h2>
          {body(s)}
        </section>
      ))}
    </article>
  );
};
