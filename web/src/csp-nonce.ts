/**
 * The console page's CSP nonce (the server writes a fresh one into `<meta name="csp-nonce">` and
 * allows only style elements that carry it: no 'unsafe-inline'). antd's CSS-in-JS gets it through
 * ConfigProvider; a few rc-component helpers (scroll locker, scrollbar measurement) create their
 * `<style>` elements without asking, so every style element this document creates gets the nonce
 * here, before any of them runs. Scripts cannot use it to inject anything: script-src stays 'self'.
 */
const meta = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]');
const value = meta?.content ?? '';
/** Empty under the Vite dev server (no placeholder replaced, no policy sent). */
export const cspNonce = value === '' || value === '__CSP_NONCE__' ? undefined : value;

if (cspNonce !== undefined) {
  const nonce = cspNonce;
  const createElement = document.createElement.bind(document) as (tag: string, options?: ElementCreationOptions) => HTMLElement;
  document.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const element = createElement(tag, options);
    if (tag.toLowerCase() === 'style') element.setAttribute('nonce', nonce);
    return element;
  }) as typeof document.createElement;
  // The nonce attribute is hidden from the DOM once applied; nothing else needs the meta tag.
  meta?.remove();
}
