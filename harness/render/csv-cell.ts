/**
 * CSV as spreadsheets and LMS importers read it: RFC 4180 quoting, CRLF rows, and a cell that starts
 * with = + - @ tab or CR prefixed with ' so a spreadsheet never runs it as a formula (names come from
 * folder names and rosters, which anyone can choose). A plain number is left alone: a negative score
 * change must stay a number.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRows(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
