/**
 * Escaping for every string that reaches HTML or SVG output. Learner-controlled text (console output,
 * messages, file names) goes through this one function; control characters are dropped because some
 * of them are invalid in XML and could break an SVG embedded in a report.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
