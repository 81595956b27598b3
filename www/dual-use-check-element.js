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
