// <dual-use-check> — the embeddable widget. The only hand-written JavaScript.
//
// Usage (see README, "Embedding"):
//   <script type="module" src="/path/to/dual-use-check-element.js"></script>
//   <dual-use-check lang="en" as-of="2026-11-24" theme="light" code="3C001.a"></dual-use-check>
//
// Attributes (live): lang (zh|en), as-of (YYYY-MM-DD), theme (light|dark), code (initial
// entry), hs (initial search), compact. Events: `step` {step}, `determination` (the
// engine's determination), `error` {kind: 'load'|'panic', message}. Methods: reset(), report().
// Everything runs in the page: no request is made after the assets load.

const BASE = new URL('.', import.meta.url);
let shared = null;

// The compiled module and the stylesheet are shared; every element gets its own module
// INSTANCE (the glue is imported once per element under a distinct query string), so a
// panic, which aborts an instance, stays inside the element it happened in.
function loadShared() {
  if (!shared) {
    shared = (async () => {
      const wasmUrl = new URL('dual-use-check_bg.wasm', BASE);
      const resp = fetch(wasmUrl);
      let module;
      try {
        module = await WebAssembly.compileStreaming(resp);
      } catch (_) {
        module = await WebAssembly.compile(await (await fetch(wasmUrl)).arrayBuffer());
      }
      const css = await (await fetch(new URL('style.css', BASE))).text();
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return { module, sheet };
    })();
  }
  return shared;
}

let counter = 0;
let instances = 0;

async function newInstance(module) {
  const url = new URL('dual-use-check.js', BASE);
  url.searchParams.set('instance', String(instances++));
  const mod = await import(url.href);
  await mod.default({ module_or_path: module });
  return mod;
}

const CRASH_TEXT = [
  ['strong', '出现错误 · Something went wrong'],
  ['p', '您的回答已自动保存在本浏览器中，重新启动后可继续。页面的其他部分不受影响。'],
  ['p', 'Your answers are saved in this browser; restart to continue where you left off. The rest of the page is unaffected.'],
];

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
    this._start(root);
  }

  _start(root) {
    this._mount = document.createElement('div');
    this._mount.className = 'duc-mount';
    root.appendChild(this._mount);
    this._applyClasses();
    loadShared()
      .then(async ({ module, sheet }) => {
        root.adoptedStyleSheets = [sheet];
        const mod = await newInstance(module);
        mod.onPanic((message) => this._crashed(root, String(message)));
        const attr = (n) => this.getAttribute(n) || '';
        this._widget = new mod.Widget(this._mount, this, this._key(), attr('lang'), attr('as-of'), attr('code'), attr('hs'));
        this.dispatchEvent(new CustomEvent('ready', { bubbles: true, composed: true }));
      })
      .catch((err) => {
        this.dispatchEvent(new CustomEvent('error', { detail: { kind: 'load', message: String(err) }, bubbles: true, composed: true }));
      });
  }

  _key() {
    return this.id || `instance-${this._index}`;
  }

  // Called from the panic hook of this element's module instance, which is about to
  // abort: never call into it again. Show the notice (text nodes only), tell the host.
  _crashed(root, message) {
    this._widget = null;
    const old = this._mount;
    const panel = document.createElement('div');
    panel.className = 'duc-mount duc-crash';
    panel.setAttribute('role', 'alert');
    for (const [tag, text] of CRASH_TEXT) {
      const el = document.createElement(tag);
      el.textContent = text;
      panel.appendChild(el);
    }
    const again = document.createElement('button');
    again.type = 'button';
    again.textContent = '重新启动 · Restart';
    again.addEventListener('click', () => { panel.remove(); this._start(root); });
    panel.appendChild(again);
    if (old) old.replaceWith(panel); else root.appendChild(panel);
    this._mount = null;
    this.dispatchEvent(new CustomEvent('error', {
      detail: { kind: 'panic', message, storageKey: `dual-use-check/v1/state/${this._key()}`, answersSaved: true },
      bubbles: true,
      composed: true,
    }));
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
