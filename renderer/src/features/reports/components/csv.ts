/**
 * CSV as spreadsheets read it: fields quoted when needed, CRLF line ends, and a byte-order
 * mark so Excel opens Chinese text as UTF-8. A cell starting with = + - @ is prefixed with
 * a quote so a spreadsheet never runs ticket text as a formula.
 */
const cell = (v: string): string => {
  const safe = /^[=+\-@]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const toCsv = (rows: readonly (readonly string[])[]): string => '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

/** Hands the text to the browser as a file download. */
export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
