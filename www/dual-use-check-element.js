// <dual-use-check> — the embeddable widget. The only hand-written JavaScript.
//
// Usage (see README, "Embedding"):
//   <script type="module" src="/path/to/dual-use-check-element.js"></script>
//   <dual-use-check lang="en" as-of="2026-11-24" theme="light" code="3C001.a"></dual-use-check>
//
// Attributes (live): lang (zh|en), as-of (YYYY-MM-DD), theme (light|dark), code (initial
// entry), hs (initial search), compact. Events: `step` {step}, `determination` (the
// engine's determination), `error`. Methods: reset(), report().
// Everything runs in the page: no request is made after the assets load.

const BASE = new URL('.', import.meta.url);
let loading = null;

function loadAssets() {
  if (!loading) {
    loading = (async () => {
      const mod = await import(new URL('dual-use-check.js', BASE).href);
      await mod.default({ module_or_path: new URL('dual-use-check_bg.wasm', BASE) });
      const css = await (await fetch(new URL('style.css', BASE))).text();
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return { mod, sheet };
    })();
  }
  return loading;
}

let counter = 0;

class DualUseCheck extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'as-of', 'theme', 'code', 'hs', 'compact'];
  }

  constructor() {
    super();
    this._widget = null;
    this._mount = null;
    this._index = counter++;
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    this._mount = document.createElement('div');
    this._mount.className = 'duc-mount';
    root.appendChild(this._mount);
    this._applyClasses();
    loadAssets()
      .then(({ mod, sheet }) => {
        root.adoptedStyleSheets = [sheet];
        const key = this.id || `instance-${this._index}`;
        const attr = (n) => this.getAttribute(n) || '';
        this._widget = new mod.Widget(this._mount, this, key, attr('lang'), attr('as-of'), attr('code'), attr('hs'));
        this.dispatchEvent(new CustomEvent('ready', { bubbles: true, composed: true }));
      })
      .catch((err) => {
        this.dispatchEvent(new CustomEvent('error', { detail: { message: String(err) }, bubbles: true, composed: true }));
      });
  }

  attributeChangedCallback(name, _old, value) {
    this._applyClasses();
    const w = this._widget;
    if (!w) return;
    const v = value || '';
    if (name === 'lang') w.setLang(v || 'zh');
    else if (name === 'as-of') w.setAsOf(v);
    else if (name === 'code') w.setCode(v);
    else if (name === 'hs') w.setQuery(v);
  }

  _applyClasses() {
    if (!this._mount) return;
    this._mount.classList.toggle('theme-dark', this.getAttribute('theme') === 'dark');
    this._mount.classList.toggle('compact', this.hasAttribute('compact'));
  }

  /** Clear every answer and start again (the language is kept). */
  reset() {
    if (this._widget) this._widget.reset();
  }

  /** The current report: { report_version, state, determination }. */
  report() {
    return this._widget ? this._widget.report() : null;
  }
}

if (!customElements.get('dual-use-check')) customElements.define('dual-use-check', DualUseCheck);

// ---------------------------------------------------------------------------------
// iframe variant (www/frame.html): a versioned postMessage bridge between the page
// that frames the widget and one <dual-use-check> inside the frame. Allowed parent
// origins come from frame-config.json next to frame.html; messages go out with an
// exact targetOrigin, incoming ones are checked against the allow-list, and unknown
// or malformed messages are ignored and logged once.
export const PROTOCOL = 'dual-use-check';
export const PROTOCOL_VERSION = 1;

export async function startFrameBridge(el, configUrl = 'frame-config.json') {
  let allowed = [];
  try {
    const cfg = await (await fetch(configUrl)).json();
    allowed = Array.isArray(cfg.allowedOrigins) ? cfg.allowedOrigins.filter((o) => typeof o === 'string') : [];
  } catch (_) {
    allowed = [];
  }
  let parentOrigin = null;
  try {
    const ref = document.referrer ? new URL(document.referrer).origin : null;
    if (ref && allowed.includes(ref)) parentOrigin = ref;
  } catch (_) { /* no referrer */ }
  const logged = new Set();
  const logOnce = (why) => { if (!logged.has(why)) { logged.add(why); console.warn(`dual-use-check frame: ignored message (${why})`); } };
  const send = (type, detail, id) => {
    if (!parentOrigin || window.parent === window) return;
    window.parent.postMessage({ protocol: PROTOCOL, version: PROTOCOL_VERSION, type, id, detail }, parentOrigin);
  };
  el.addEventListener('step', (e) => send('step', e.detail));
  el.addEventListener('determination', (e) => send('determination', e.detail));
  window.addEventListener('message', (e) => {
    if (!allowed.includes(e.origin)) return logOnce('origin not allowed');
    const m = e.data;
    if (!m || typeof m !== 'object' || m.protocol !== PROTOCOL) return logOnce('not this protocol');
    if (m.version !== PROTOCOL_VERSION) return logOnce('unsupported version');
    parentOrigin = e.origin;
    const id = typeof m.id === 'string' || typeof m.id === 'number' ? m.id : undefined;
    switch (m.type) {
      case 'set-lang': if (m.value === 'zh' || m.value === 'en') el.setAttribute('lang', m.value); else logOnce('bad value'); break;
      case 'set-as-of': if (typeof m.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(m.value)) el.setAttribute('as-of', m.value); else logOnce('bad value'); break;
      case 'reset': el.reset(); break;
      case 'get-report': send('report', el.report(), id); break;
      default: logOnce('unknown type');
    }
  });
  const ready = () => send('ready', { protocol: PROTOCOL, version: PROTOCOL_VERSION });
  if (el.shadowRoot && el.report()) ready(); else el.addEventListener('ready', ready, { once: true });
}

if (document.documentElement.hasAttribute('data-duc-frame')) {
  const start = () => { const el = document.querySelector('dual-use-check'); if (el) startFrameBridge(el); };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
}
