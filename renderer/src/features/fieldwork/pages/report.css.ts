// The print view's own styles: A4, black on white whatever the app's theme, and the bundled
// Noto Sans SC for every glyph, so Chinese text embeds the same on any machine.
export const REPORT_FONT = "'Noto Sans SC', sans-serif";

export const reportCss = `
@page { size: A4; margin: 14mm 12mm 16mm; }
html, body { background: #fff; }
.cims-report { font-family: ${REPORT_FONT}; color: #111; background: #fff; font-size: 10.5pt; line-height: 1.45; max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
@media print { .cims-report { padding: 0; max-width: none; } }
.cims-report h1 { font-size: 17pt; margin: 0 0 2mm; font-weight: 700; }
.cims-report h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; padding-bottom: 1mm; border-bottom: 0.4mm solid #1a3d7c; color: #1a3d7c; font-weight: 700; break-after: avoid; }
.cims-report .sub { color: #555; margin: 0 0 3mm; }
.cims-report dl { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 0; }
.cims-report dt { color: #555; }
.cims-report dd { margin: 0; overflow-wrap: anywhere; }
.cims-report table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
.cims-report th, .cims-report td { border: 0.2mm solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
.cims-report th { background: #eef2f8; font-weight: 700; }
.cims-report td.num, .cims-report th.num { text-align: right; }
.cims-report tr { break-inside: avoid; }
.cims-report td.small { font-size: 8.5pt; color: #444; }
.cims-report .pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.cims-report .photos { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; }
.cims-report .photos figure { margin: 0; break-inside: avoid; }
.cims-report .photos img { width: 100%; height: 45mm; object-fit: cover; border: 0.2mm solid #bbb; }
.cims-report .photos figcaption { font-size: 8.5pt; color: #555; }
.cims-report .sign { display: grid; grid-template-columns: 1fr 70mm; gap: 5mm; align-items: end; break-inside: avoid; }
.cims-report .sign img { width: 70mm; height: auto; border-bottom: 0.3mm solid #111; }
.cims-report footer { margin-top: 6mm; color: #777; font-size: 8.5pt; }
`;
