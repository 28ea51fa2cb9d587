/** Saves text as a file in the browser (a Blob URL clicked once, then released). */
export function downloadText(filename: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `triangulate-logs-20261204T101500Z.csv`: the kind and the moment of the download. */
export const csvName = (kind: string, nowMs: number) => `triangulate-${kind}-${new Date(nowMs).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z.csv`;
