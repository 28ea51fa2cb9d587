/**
 * The CSP nonce of this document (docs/security.md, "CSP"), for code that inserts its own
 * <style> element (CodeMirror): the policy allows style elements only with the nonce.
 * Next.js stamps it on its scripts; browsers hide the attribute's value but keep it in the
 * `nonce` property. Read from the document, not from a render, so it is always the nonce
 * this page was loaded with, even after client-side navigation or a refresh of the tree.
 */
export function documentNonce(): string {
  if (typeof document === 'undefined') return '';
  const script = document.querySelector<HTMLScriptElement>('script[nonce]');
  return script?.nonce || script?.getAttribute('nonce') || '';
}
