//! The Yew questionnaire. Components take data and callbacks; the state lives in one
//! reducer (`crate::state::State`), and every decision comes from the engine.

use crate::engine::determine::{
    Determination, ExportKind, Movement, Outcome, Regime, StepKind, YesNo,
};
use crate::engine::eval::Answer;
use crate::engine::model::{Coverage, Lang, ParamKind, Text};
use crate::engine::questions::{questions, EntryQuestions, Question};
use crate::engine::{determine, Engine};
use crate::i18n::t;
use crate::state::{Action, EndUseField, NumberInput, State, Step};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Ui(pub State);

impl Reducible for Ui {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Ui(self.0.clone().reduce(action)))
    }
}

fn tx(lang: Lang, text: &Text) -> String {
    text.get(lang).to_string()
}

fn input_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
struct RadioProps {
    name: AttrValue,
    legend: AttrValue,
    options: Vec<(AttrValue, AttrValue, bool)>,
    onpick: Callback<AttrValue>,
    #[prop_or_default]
    help: Option<AttrValue>,
}

/// A labelled radio group inside a fieldset.
#[function_component(RadioGroup)]
fn radio_group(p: &RadioProps) -> Html {
    html! {
        <fieldset class="group">
            <legend>{ p.legend.clone() }</legend>
            if let Some(h) = &p.help { <p class="help">{ h.clone() }</p> }
            <div class="options">
            { for p.options.iter().map(|(value, label, checked)| {
                let id = format!("{}-{}", p.name, value);
                let v = value.clone();
                let onpick = p.onpick.clone();
                html! {
                    <label class="option" for={id.clone()}>
                        <input type="radio" id={id} name={p.name.clone()} value={value.clone()}
                            checked={*checked} onchange={Callback::from(move |_| onpick.emit(v.clone()))} />
                        <span>{ label.clone() }</span>
                    </label>
                }
            }) }
            </div>
        </fieldset>
    }
}

fn yes_no_options(lang: Lang, current: YesNo) -> Vec<(AttrValue, AttrValue, bool)> {
    [
        (YesNo::Yes, "yes"),
        (YesNo::No, "no"),
        (YesNo::Unknown, "unknown"),
    ]
    .into_iter()
    .map(|(v, k)| {
        (
            AttrValue::from(k),
            AttrValue::from(t(lang, k).to_string()),
            current == v,
        )
    })
    .collect()
}

fn parse_yes_no(s: &str) -> YesNo {
    match s {
        "yes" => YesNo::Yes,
        "no" => YesNo::No,
        _ => YesNo::Unknown,
    }
}

/// The link between an embedding (the custom element) and the app: a slot the app
/// fills with its dispatcher, the latest state, and event sinks.
#[derive(Clone)]
pub struct Controller {
    pub storage_key: String,
    /// Actions applied once at start, after the saved state is loaded (attributes).
    pub initial: Vec<Action>,
    pub dispatch: Rc<std::cell::RefCell<Option<Callback<Action>>>>,
    pub state: Rc<std::cell::RefCell<State>>,
    pub on_step: Callback<Step>,
    pub on_determination: Callback<Determination>,
}

impl PartialEq for Controller {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.dispatch, &other.dispatch)
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    #[prop_or_default]
    pub controller: Option<Controller>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let notice = use_state(|| false);
    let key = props
        .controller
        .as_ref()
        .map(|c| c.storage_key.clone())
        .unwrap_or_else(|| crate::state::STORAGE_KEY.to_string());
    let state = {
        let notice = notice.clone();
        let key = key.clone();
        let initial = props
            .controller
            .as_ref()
            .map(|c| c.initial.clone())
            .unwrap_or_default();
        use_reducer(move || {
            let (mut s, corrupt) = super::storage::load(&key);
            if corrupt {
                notice.set(true);
            }
            for a in initial {
                s = s.reduce(a);
            }
            Ui(s)
        })
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    {
        let s = state.0.clone();
        let ctl = props.controller.clone();
        let dispatch = dispatch.clone();
        use_effect_with(s, move |s| {
            super::storage::save(&key, s);
            if let Some(c) = ctl {
                *c.dispatch.borrow_mut() = Some(dispatch);
                let prev_step = c.state.borrow().step;
                *c.state.borrow_mut() = s.clone();
                if prev_step != s.step {
                    c.on_step.emit(s.step);
                }
                if s.step == Step::Result {
                    if let Ok(d) = determine(Engine::embedded(), &s.request(), super::today()) {
                        c.on_determination.emit(d);
                    }
                }
            }
        });
    }
    let s = &state.0;
    let lang = s.lang;
    // The first step needs no data: the engine (data parse and indexes) is loaded after
    // the first paint, so the first question is interactive sooner.
    {
        use_effect_with((), |_| warm_later(0));
    }
    let engine = || Engine::embedded();
    let html_lang = if lang == Lang::Zh { "zh-CN" } else { "en" };
    let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
    let on_lang = dispatch.reform(move |_: MouseEvent| Action::SetLang(other));

    let body = match s.step {
        Step::Start => view_start(s, &dispatch),
        Step::Item => view_item(s, engine(), &dispatch),
        Step::Questions => match s.code.as_deref().map(|c| questions(engine(), c)) {
            Some(Ok(q)) => view_questions(s, &q, &dispatch),
            _ => view_item(s, engine(), &dispatch),
        },
        Step::Tech => view_tech(s, engine(), &dispatch),
        Step::Parties => view_parties(s, engine(), &dispatch),
        Step::Result => view_result(s, engine(), &dispatch),
    };
    let step_key = |st: Step| match st {
        Step::Start => "step_start",
        Step::Item => "step_item",
        Step::Questions => "step_questions",
        Step::Tech => "step_tech",
        Step::Parties => "step_parties",
        Step::Result => "step_result",
    };
    html! {
        <div class="duc" lang={html_lang}>
            <header class="duc-header">
                <div>
                    <h1>{ t(lang, "app_title") }</h1>
                    <p class="subtitle">{ t(lang, "app_subtitle") }</p>
                </div>
                <button type="button" class="lang" id="lang-switch" lang={if lang == Lang::Zh { "en" } else { "zh-CN" }} onclick={on_lang}>
                    { t(lang, "lang_switch") }
                </button>
            </header>
            <nav aria-label={t(lang, "progress").to_string()}>
                <ol class="progress">
                { for s.steps().iter().map(|st| {
                    let current = *st == s.step;
                    let done = st.index() < s.step.index();
                    let class = classes!("progress-step", current.then_some("current"), done.then_some("done"));
                    html! { <li class={class} aria-current={current.then_some("step")}>{ t(lang, step_key(*st)) }</li> }
                }) }
                </ol>
            </nav>
            if *notice {
                <div class="notice" role="alert" id="storage-notice">
                    <p>{ t(lang, "storage_corrupt") }</p>
                    <button type="button" onclick={ let n = notice.clone(); Callback::from(move |_| n.set(false)) }>{ t(lang, "dismiss") }</button>
                </div>
            }
            <main class="duc-main">
                <h2 id="step-title">{ t(lang, step_key(s.step)) }</h2>
                { body }
            </main>
            <footer class="duc-footer"><p>{ t(lang, "not_legal_advice") }</p></footer>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LoadProps {
    lang: Lang,
    dispatch: Callback<Action>,
}

/// Load the engine, then build its indexes, one idle-time task per step of
/// [`Engine::preload`]. Idle callbacks run after the first paint and yield to input, so
/// the first question is shown and usable first, and no task is long. Whatever has not
/// been built when it is needed is built then.
fn warm_later(step: usize) {
    super::on_idle(move || {
        if Engine::preload(step) {
            warm_later(step + 1);
        }
    });
}

/// Load a downloaded JSON report back, to review or amend it.
#[function_component(LoadReport)]
fn load_report(p: &LoadProps) -> Html {
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let message = use_state(|| None::<(bool, String)>);
    let lang = p.lang;
    let onchange = {
        let dispatch = p.dispatch.clone();
        let message = message.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let file = gloo::file::File::from(file);
            let dispatch = dispatch.clone();
            let message = message.clone();
            let task = gloo::file::callbacks::read_as_text(&file, move |res| {
                match res
                    .map_err(|e| e.to_string())
                    .and_then(|t| State::from_report(&t))
                {
                    Ok(state) => {
                        message.set(Some((true, String::new())));
                        dispatch.emit(Action::Load(Box::new(state)));
                    }
                    Err(e) => message.set(Some((false, e))),
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    html! {
        <div class="field load-report no-print">
            <label for="load-report">{ t(lang, "load_report") }</label>
            <input type="file" id="load-report" accept="application/json,.json" {onchange} />
            if let Some((ok, detail)) = &*message {
                <p class={if *ok { "help" } else { "error" }} role="status" id="load-status">
                    { if *ok { t(lang, "loaded_ok").to_string() } else { format!("{} {}", t(lang, "load_failed"), crate::engine::error::clip(detail)) } }
                </p>
            }
        </div>
    }
}

fn nav_buttons(s: &State, d: &Callback<Action>, next_enabled: bool) -> Html {
    let lang = s.lang;
    html! {
        <div class="nav-buttons">
            if s.step != Step::Start {
                <button type="button" id="back" class="secondary" onclick={d.reform(|_: MouseEvent| Action::Back)}>{ t(lang, "back") }</button>
            }
            if s.step != Step::Result {
                <button type="button" id="next" class="primary" disabled={!next_enabled} onclick={d.reform(|_: MouseEvent| Action::Next)}>{ t(lang, "next") }</button>
            }
        </div>
    }
}

// Kept out of line: the browser compiles each function on first call, so the first
// step should not pay for compiling the others.
#[inline(never)]
fn view_start(s: &State, d: &Callback<Action>) -> Html {
    let lang = s.lang;
    let kinds = [
        (ExportKind::Goods, "goods", "kind_goods"),
        (ExportKind::Technology, "technology", "kind_technology"),
        (ExportKind::Software, "software", "kind_software"),
        (ExportKind::Service, "service", "kind_service"),
        (ExportKind::Data, "data", "kind_data"),
    ];
    let moves = [
        (Movement::Export, "export", "mv_export"),
        (
            Movement::ForeignPersonInChina,
            "foreign_person_in_china",
            "mv_foreign_person",
        ),
        (Movement::ReexportTransit, "reexport_transit", "mv_reexport"),
        (Movement::SpecialZone, "special_zone", "mv_special_zone"),
        (
            Movement::BetweenSpecialZones,
            "between_special_zones",
            "mv_between_zones",
        ),
    ];
    let regimes = [
        (Regime::DualUse, "dual_use", "regime_dual_use"),
        (Regime::Nuclear, "nuclear", "regime_nuclear"),
        (Regime::Military, "military", "regime_military"),
    ];
    let kind_opts: Vec<(AttrValue, AttrValue, bool)> = kinds
        .iter()
        .map(|(k, v, l)| {
            (
                (*v).into(),
                t(lang, l).to_string().into(),
                s.export_kind == *k,
            )
        })
        .collect();
    let move_opts: Vec<(AttrValue, AttrValue, bool)> = moves
        .iter()
        .map(|(k, v, l)| ((*v).into(), t(lang, l).to_string().into(), s.movement == *k))
        .collect();
    let regime_opts: Vec<(AttrValue, AttrValue, bool)> = regimes
        .iter()
        .map(|(k, v, l)| ((*v).into(), t(lang, l).to_string().into(), s.regime == *k))
        .collect();
    let on_kind = d.reform(move |v: AttrValue| {
        Action::SetExportKind(
            kinds
                .iter()
                .find(|k| k.1 == v.as_str())
                .map(|k| k.0)
                .unwrap_or_default(),
        )
    });
    let on_move = d.reform(move |v: AttrValue| {
        Action::SetMovement(
            moves
                .iter()
                .find(|k| k.1 == v.as_str())
                .map(|k| k.0)
                .unwrap_or_default(),
        )
    });
    let on_regime = d.reform(move |v: AttrValue| {
        Action::SetRegime(
            regimes
                .iter()
                .find(|k| k.1 == v.as_str())
                .map(|k| k.0)
                .unwrap_or_default(),
        )
    });
    html! {
        <section class="step step-start">
            <div class="field">
                <label for="as-of">{ t(lang, "as_of") }</label>
                // An empty answer means "today": show the date it stands for.
                <input type="date" id="as-of" value={if s.as_of.trim().is_empty() { super::today().to_string() } else { s.as_of.clone() }} aria-describedby="as-of-help"
                    onchange={d.reform(|e: Event| Action::SetAsOf(input_value(&e)))} />
                <p class="help" id="as-of-help">{ t(lang, "as_of_help") }</p>
            </div>
            <RadioGroup name="export-kind" legend={t(lang, "export_kind").to_string()} options={kind_opts} onpick={on_kind} />
            <RadioGroup name="movement" legend={t(lang, "movement").to_string()} options={move_opts} onpick={on_move} />
            <RadioGroup name="regime" legend={t(lang, "regime").to_string()} options={regime_opts} onpick={on_regime} />
            { nav_buttons(s, d, true) }
            <LoadReport lang={lang} dispatch={d.clone()} />
        </section>
    }
}

fn coverage_key(c: Coverage) -> &'static str {
    match c {
        Coverage::Full => "coverage_full",
        Coverage::Partial => "coverage_partial",
        Coverage::Inventory => "coverage_inventory",
    }
}

#[inline(never)]
fn view_item(s: &State, engine: &Engine, d: &Callback<Action>) -> Html {
    let lang = s.lang;
    let hits = engine.search(&s.query, 30);
    html! {
        <section class="step step-item">
            <div class="field">
                <label for="search">{ t(lang, "search_label") }</label>
                <input type="search" id="search" autocomplete="off" value={s.query.clone()}
                    placeholder={t(lang, "search_placeholder").to_string()}
                    oninput={d.reform(|e: InputEvent| {
                        let q = input_value(&e.into());
                        #[cfg(feature = "panic-test")]
                        if q == "__panic__" {
                            panic!("deliberate test-only panic (feature panic-test)");
                        }
                        Action::SetQuery(q)
                    })} />
            </div>
            if !s.query.trim().is_empty() {
                <p class="count" aria-live="polite">
                    if hits.is_empty() { { t(lang, "search_none") } } else { { format!("{} {}", hits.len(), t(lang, "results_count")) } }
                </p>
                <ul class="results" id="results">
                { for hits.iter().map(|h| {
                    let code = h.code.clone();
                    let selected = s.code.as_deref() == Some(h.code.as_str());
                    let onclick = d.reform(move |_: MouseEvent| Action::SelectEntry(code.clone()));
                    html! {
                        <li>
                            <button type="button" class={classes!("result", selected.then_some("selected"))} data-code={h.code.clone()} aria-pressed={selected.to_string()} {onclick}>
                                <span class="code">{ &h.code }</span>
                                <span class="name">{ tx(lang, &h.name) }</span>
                                <span class={classes!("badge", format!("cov-{:?}", h.coverage).to_lowercase())}>{ t(lang, coverage_key(h.coverage)) }</span>
                            </button>
                        </li>
                    }
                }) }
                </ul>
            }
            <details class="browse" open={!s.browse_category.is_empty()}>
                <summary>{ t(lang, "browse") }</summary>
                <div class="browse-row">
                    <div class="field">
                        <label for="browse-category">{ t(lang, "browse_category") }</label>
                        <select id="browse-category" onchange={ let ty = s.browse_type.clone(); d.reform(move |e: Event| Action::Browse(select_value(&e), ty.clone())) }>
                            <option value="" selected={s.browse_category.is_empty()}>{ t(lang, "destination_choose") }</option>
                            { for engine.bundle.categories.iter().map(|c| html!{
                                <option value={c.digit.clone()} selected={s.browse_category == c.digit}>{ format!("{} {}", c.digit, c.name.get(lang)) }</option>
                            }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="browse-type">{ t(lang, "browse_type") }</label>
                        <select id="browse-type" onchange={ let cat = s.browse_category.clone(); d.reform(move |e: Event| Action::Browse(cat.clone(), select_value(&e))) }>
                            <option value="" selected={s.browse_type.is_empty()}>{ t(lang, "browse_all_types") }</option>
                            { for engine.bundle.item_types.iter().map(|c| html!{
                                <option value={c.letter.clone()} selected={s.browse_type == c.letter}>{ format!("{} {}", c.letter, c.name.get(lang)) }</option>
                            }) }
                        </select>
                    </div>
                </div>
                if !s.browse_category.is_empty() {
                    <ul class="results" id="browse-results">
                    { for engine.browse(&s.browse_category, Some(&s.browse_type)).iter().map(|h| {
                        let code = h.code.clone();
                        let selected = s.code.as_deref() == Some(h.code.as_str());
                        let onclick = d.reform(move |_: MouseEvent| Action::SelectEntry(code.clone()));
                        html! {
                            <li>
                                <button type="button" class={classes!("result", selected.then_some("selected"))} data-code={h.code.clone()} aria-pressed={selected.to_string()} {onclick}>
                                    <span class="code">{ &h.code }</span>
                                    <span class="name">{ tx(lang, &h.name) }</span>
                                    <span class={classes!("badge", format!("cov-{:?}", h.coverage).to_lowercase())}>{ t(lang, coverage_key(h.coverage)) }</span>
                                </button>
                            </li>
                        }
                    }) }
                    </ul>
                }
            </details>
            if let Some(c) = &s.code {
                <p class="selected-entry">{ format!("{}: {}", t(lang, "selected"), c) }</p>
            }
            <button type="button" id="not-listed" class={classes!("secondary", s.not_listed.then_some("selected"))} aria-pressed={s.not_listed.to_string()}
                onclick={d.reform(|_: MouseEvent| Action::NotListed)}>{ t(lang, "not_listed") }</button>
            { nav_buttons(s, d, s.item_done()) }
        </section>
    }
}

fn view_question(s: &State, q: &Question, d: &Callback<Action>) -> Html {
    let lang = s.lang;
    let id = q.id.clone();
    let name = format!("q-{}", q.id);
    let help = q.help.as_ref().map(|h| AttrValue::from(tx(lang, h)));
    let bounds = html! {
        if !q.bounds.is_empty() {
            <ul class="bounds">{ for q.bounds.iter().map(|b| html!{ <li>{ tx(lang, b) }</li> }) }</ul>
        }
    };
    match q.kind {
        ParamKind::Bool => {
            let cur = match s.answers.get(&q.id) {
                Some(Answer::Bool { value: true }) => YesNo::Yes,
                Some(Answer::Bool { value: false }) => YesNo::No,
                Some(Answer::Unknown) => YesNo::Unknown,
                _ => YesNo::Unknown,
            };
            let answered = s.answers.contains_key(&q.id);
            let opts: Vec<(AttrValue, AttrValue, bool)> = yes_no_options(lang, cur)
                .into_iter()
                .map(|(v, l, c)| (v, l, c && answered))
                .collect();
            let onpick = d.reform(move |v: AttrValue| {
                let a = match v.as_str() {
                    "yes" => Answer::Bool { value: true },
                    "no" => Answer::Bool { value: false },
                    _ => Answer::Unknown,
                };
                Action::Answer(id.clone(), a)
            });
            html! { <div class="question">
                <RadioGroup name={name} legend={tx(lang, &q.label)} options={opts} onpick={onpick} help={help} />
                { bounds }
            </div> }
        }
        ParamKind::Choice => {
            let cur = s.answers.get(&q.id);
            let mut opts: Vec<(AttrValue, AttrValue, bool)> = q
                .choices
                .iter()
                .map(|c| {
                    let checked = matches!(cur, Some(Answer::Choice { value }) if *value == c.id);
                    (
                        c.id.clone().into(),
                        (if lang == Lang::Zh {
                            c.zh.clone()
                        } else {
                            c.en.clone()
                        })
                        .into(),
                        checked,
                    )
                })
                .collect();
            opts.push((
                "unknown".into(),
                t(lang, "unknown").to_string().into(),
                matches!(cur, Some(Answer::Unknown)),
            ));
            let onpick = d.reform(move |v: AttrValue| {
                let a = if v.as_str() == "unknown" {
                    Answer::Unknown
                } else {
                    Answer::Choice {
                        value: v.to_string(),
                    }
                };
                Action::Answer(id.clone(), a)
            });
            html! { <div class="question">
                <RadioGroup name={name} legend={tx(lang, &q.label)} options={opts} onpick={onpick} help={help} />
                { bounds }
            </div> }
        }
        ParamKind::Number => {
            let cur = s
                .numbers
                .get(&q.id)
                .cloned()
                .unwrap_or_else(|| NumberInput {
                    text: String::new(),
                    unit: q.units.first().map(|u| u.id.clone()).unwrap_or_default(),
                });
            let unknown = matches!(s.answers.get(&q.id), Some(Answer::Unknown));
            let invalid = !cur.text.trim().is_empty() && State::parse_number(&cur.text).is_none();
            let vid = format!("{name}-value");
            let uid = format!("{name}-unit");
            let kid = format!("{name}-unknown");
            let eid = format!("{name}-error");
            let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
            let cur1 = cur.clone();
            let cur2 = cur.clone();
            html! {
                <fieldset class="question group">
                    <legend>{ tx(lang, &q.label) }</legend>
                    if let Some(h) = &help { <p class="help">{ h.clone() }</p> }
                    <div class="number-row">
                        <label for={vid.clone()}>{ t(lang, "value") }</label>
                        <input type="text" inputmode="decimal" id={vid} value={cur.text.clone()} disabled={unknown}
                            aria-invalid={invalid.to_string()} aria-describedby={eid.clone()}
                            oninput={d.reform(move |e: InputEvent| Action::Number(id1.clone(), NumberInput { text: input_value(&e.into()), unit: cur1.unit.clone() }))} />
                        <label for={uid.clone()}>{ t(lang, "unit") }</label>
                        <select id={uid} disabled={unknown}
                            onchange={d.reform(move |e: Event| Action::Number(id2.clone(), NumberInput { text: cur2.text.clone(), unit: select_value(&e) }))}>
                            { for q.units.iter().map(|u| html!{ <option value={u.id.clone()} selected={u.id == cur.unit}>{ &u.label }</option> }) }
                        </select>
                        <label class="option" for={kid.clone()}>
                            <input type="checkbox" id={kid} checked={unknown}
                                onchange={d.reform(move |e: Event| {
                                    let on = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.checked()).unwrap_or(false);
                                    if on { Action::Answer(id3.clone(), Answer::Unknown) } else { Action::Number(id3.clone(), NumberInput::default()) }
                                })} />
                            <span>{ t(lang, "unknown") }</span>
                        </label>
                    </div>
                    <p class="error" id={eid} aria-live="polite">{ if invalid { t(lang, "invalid_number") } else { "" } }</p>
                    { bounds }
                </fieldset>
            }
        }
    }
}

#[inline(never)]
fn view_questions(s: &State, q: &EntryQuestions, d: &Callback<Action>) -> Html {
    let lang = s.lang;
    html! {
        <section class="step step-questions">
            <h3 class="entry-title"><span class="code">{ &q.code }</span>{ " " }{ tx(lang, &q.name) }</h3>
            <p class={classes!("badge", format!("cov-{:?}", q.coverage).to_lowercase())}>{ t(lang, coverage_key(q.coverage)) }</p>
            if let Some(desc) = &q.description { <p>{ tx(lang, desc) }</p> }
            if let Some(f) = &q.forms { <p class="forms">{ tx(lang, f) }</p> }
            if let Some(m) = &q.missing {
                <div class="notice" role="note">
                    <p>{ tx(lang, m) }</p>
                    if q.coverage == Coverage::Inventory {
                        <p>{ t(lang, "inventory_notice") }{ " " }<a href="http://exportcontrol.mofcom.gov.cn/" rel="noopener noreferrer" target="_blank">{ "exportcontrol.mofcom.gov.cn" }</a></p>
                    }
                </div>
            }
            { for q.questions.iter().map(|qq| view_question(s, qq, d)) }
            if !q.hs.is_empty() {
                <details class="hs"><summary>{ t(lang, "hs_ref") }</summary><p>{ q.hs.join(", ") }</p></details>
            }
            <div class="sources">
                <h4>{ t(lang, "sources") }</h4>
                <ul>{ for q.sources.iter().map(|src| html!{
                    <li>
                        if let Some(u) = &src.url { <a href={u.clone()} rel="noopener noreferrer" target="_blank">{ &src.number }</a> } else { { &src.number } }
                        { format!(" {} · {}", src.date, src.para) }
                    </li>
                }) }</ul>
            </div>
            { nav_buttons(s, d, true) }
        </section>
    }
}

#[inline(never)]
fn view_parties(s: &State, engine: &Engine, d: &Callback<Action>) -> Html {
    let lang = s.lang;
    let mut countries: Vec<_> = engine.bundle.countries.iter().collect();
    countries.sort_by(|a, b| a.name.get(lang).cmp(b.name.get(lang)));
    let fields = [
        (
            EndUseField::Notified,
            "eu_notified",
            s.end_use.notified,
            "eu-notified",
        ),
        (
            EndUseField::NationalSecurity,
            "eu_national_security",
            s.end_use.national_security,
            "eu-national-security",
        ),
        (EndUseField::Wmd, "eu_wmd", s.end_use.wmd, "eu-wmd"),
        (
            EndUseField::Terrorism,
            "eu_terrorism",
            s.end_use.terrorism,
            "eu-terrorism",
        ),
        (
            EndUseField::Military,
            "eu_military",
            s.end_use.military,
            "eu-military",
        ),
    ];
    html! {
        <section class="step step-parties">
            <div class="field">
                <label for="destination">{ t(lang, "destination") }</label>
                <select id="destination" onchange={d.reform(|e: Event| Action::SetDestination(select_value(&e)))}>
                    <option value="" selected={s.destination.is_empty()}>{ t(lang, "destination_choose") }</option>
                    { for countries.iter().map(|c| html!{
                        <option value={c.code.clone()} selected={s.destination == c.code}>{ format!("{} ({})", c.name.get(lang), c.code) }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label for="end-user">{ t(lang, "end_user") }</label>
                <input type="text" id="end-user" value={s.end_user.clone()} maxlength="500"
                    oninput={d.reform(|e: InputEvent| Action::SetEndUser(input_value(&e.into())))} />
            </div>
            <fieldset class="group">
                <legend>{ t(lang, "end_use_title") }</legend>
                { for fields.iter().map(|(f, key, cur, name)| {
                    let f = *f;
                    html! { <RadioGroup name={*name} legend={t(lang, key).to_string()} options={yes_no_options(lang, *cur)}
                        onpick={d.reform(move |v: AttrValue| Action::SetEndUse(f, parse_yes_no(&v)))} /> }
                }) }
            </fieldset>
            { nav_buttons(s, d, true) }
        </section>
    }
}

#[inline(never)]
fn view_tech(s: &State, engine: &Engine, d: &Callback<Action>) -> Html {
    use crate::engine::model::TechStatus;
    use crate::engine::tech::TransferMode;
    let lang = s.lang;
    let as_of = crate::engine::Date::parse(s.as_of.trim()).unwrap_or_else(super::today);
    let field = s.tech.field.clone().unwrap_or_default();
    let candidates = engine.tech_candidates(as_of, Some(&field), "");
    let transfer_opts: Vec<(AttrValue, AttrValue, bool)> = TransferMode::ALL
        .iter()
        .map(|m| {
            let v = serde_json::to_value(m)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            (
                AttrValue::from(v),
                AttrValue::from(tx(lang, &m.label()).to_string()),
                s.tech.transfer == *m,
            )
        })
        .collect();
    let status_key = |st: TechStatus| match st {
        TechStatus::Prohibited => "tech_status_prohibited",
        TechStatus::Restricted => "tech_status_restricted",
    };
    let selected = s.tech.item.as_deref().and_then(|id| engine.tech_item(id));
    html! {
        <section class="step step-tech">
            <p class="help">{ t(lang, "tech_intro") }</p>
            <p class="notice">{ t(lang, "tech_data_gap") }</p>
            <RadioGroup name="tech-transfer" legend={t(lang, "tech_transfer").to_string()} options={transfer_opts}
                onpick={d.reform(|v: AttrValue| Action::SetTechTransfer(
                    serde_json::from_value(serde_json::Value::String(v.to_string())).unwrap_or_default()))} />
            <div class="field">
                <label for="tech-field">{ t(lang, "tech_field") }</label>
                <select id="tech-field" onchange={d.reform(|e: Event| Action::SetTechField(select_value(&e)))}>
                    <option value="" selected={field.is_empty()}>{ t(lang, "tech_field_all") }</option>
                    { for engine.tech_industries().iter().map(|i| html!{
                        <option value={i.zh.clone()} selected={field == i.zh}>{ tx(lang, i) }</option>
                    }) }
                </select>
            </div>
            <h3>{ t(lang, "tech_candidates") }</h3>
            <ul class="results" id="tech-results">
            { for candidates.iter().map(|c| {
                let id = c.id.clone();
                let current = s.tech.item.as_deref() == Some(c.id.as_str());
                html! {
                    <li>
                        <button type="button" class={classes!("result", current.then_some("selected"))} data-tech={c.id.clone()}
                            aria-pressed={if current { "true" } else { "false" }}
                            onclick={d.reform(move |_: MouseEvent| Action::SelectTech(id.clone()))}>
                            <span class="code">{ c.number.clone().unwrap_or_else(|| t(lang, "tech_number_unknown").to_string()) }</span>
                            <span class="name">{ tx(lang, &c.name) }</span>
                            <span class="help">{ format!("{} · {} · {}", tx(lang, &c.industry), t(lang, status_key(c.status)), t(lang, coverage_key(c.coverage))) }</span>
                        </button>
                    </li>
                }
            }) }
            </ul>
            <button type="button" id="tech-none" class={classes!("secondary", s.tech.none_apply.then_some("selected"))}
                aria-pressed={if s.tech.none_apply { "true" } else { "false" }}
                onclick={d.reform(|_: MouseEvent| Action::TechNoneApply)}>{ t(lang, "tech_none_apply") }</button>
            if let Some(item) = selected {
                <div class="tech-item" id="tech-item" data-tech={item.id.clone()}>
                    <h3>{ format!("{}: {} ({})", t(lang, "tech_selected"), tx(lang, &item.name), item.number.clone().unwrap_or_else(|| t(lang, "tech_number_unknown").to_string())) }</h3>
                    <p class="meta">{ format!("{} · {}", tx(lang, &item.industry), t(lang, status_key(item.status))) }</p>
                    if let Some(m) = &item.missing { <p class="notice">{ tx(lang, m) }</p> }
                    if item.points.is_empty() {
                        <p class="help">{ t(lang, "tech_no_points") }</p>
                    } else {
                        <fieldset class="group">
                            <legend>{ t(lang, "tech_points") }</legend>
                            { for item.points.iter().map(|p| {
                                let pid = p.id.clone();
                                let cur = s.tech.answers.get(&p.id).copied().unwrap_or(YesNo::Unknown);
                                let name = format!("tp-{}", p.id);
                                html! { <RadioGroup name={name} legend={tx(lang, &p.text).to_string()} options={yes_no_options(lang, cur)}
                                    onpick={d.reform(move |v: AttrValue| Action::TechPoint(pid.clone(), parse_yes_no(&v)))} /> }
                            }) }
                        </fieldset>
                    }
                </div>
            }
            { nav_buttons(s, d, true) }
        </section>
    }
}

fn tech_outcome_key(o: crate::engine::tech::TechOutcome) -> &'static str {
    use crate::engine::tech::TechOutcome as T;
    match o {
        T::Prohibited => "tech_outcome_prohibited",
        T::Restricted => "tech_outcome_restricted",
        T::NotListed => "tech_outcome_not_listed",
        T::Uncertain => "tech_outcome_uncertain",
        T::NotAssessed => "tech_outcome_not_assessed",
    }
}

fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Prohibited => "outcome-prohibited",
        Outcome::DesignatedOperatorsOnly | Outcome::LicenceRequired => "outcome-licence",
        Outcome::Uncertain => "outcome-uncertain",
        Outcome::ControlSuspended => "outcome-suspended",
        Outcome::NoLicenceRequiredByList | Outcome::NotAnExport => "outcome-clear",
    }
}

fn view_determination(lang: Lang, det: &Determination) -> Html {
    html! {
        <>
            <div class={classes!("outcome", outcome_class(det.outcome))} role="status" aria-live="polite" id="outcome" data-outcome={format!("{:?}", det.outcome)}>
                <p class="headline">{ tx(lang, &det.headline) }</p>
                <p class="meta">{ format!("{}: {}", t(lang, "evaluated_as_of"), det.as_of) }</p>
            </div>
            if let Some(l) = &det.licence {
                <section class="licence">
                    <h3>{ t(lang, "licence_options") }</h3>
                    <ul>{ for l.options.iter().map(|o| html!{ <li>{ tx(lang, o) }</li> }) }</ul>
                    <h3>{ t(lang, "documents") }</h3>
                    <ul>{ for l.documents.iter().map(|o| html!{ <li>{ tx(lang, o) }</li> }) }</ul>
                    <h3>{ t(lang, "time_limit") }</h3>
                    <p>{ tx(lang, &l.time_limit) }</p>
                </section>
            }
            if let Some(tr) = &det.tech {
                <section class="tech-result" id="tech-result" data-tech-outcome={format!("{:?}", tr.outcome)}>
                    <h3>{ t(lang, "tech_result") }</h3>
                    <p><strong>{ t(lang, tech_outcome_key(tr.outcome)) }</strong>
                        if let Some(i) = &tr.item { { format!(" — {}", tx(lang, &i.label())) } }
                    </p>
                    if let Some(l) = &tr.licence {
                        <ul>{ for l.options.iter().map(|o| html!{ <li>{ tx(lang, o) }</li> }) }</ul>
                        <h4>{ t(lang, "documents") }</h4>
                        <ul>{ for l.documents.iter().map(|o| html!{ <li>{ tx(lang, o) }</li> }) }</ul>
                        <h4>{ t(lang, "time_limit") }</h4>
                        <p>{ tx(lang, &l.time_limit) }</p>
                    }
                </section>
            }
            if !det.penalties.is_empty() {
                <section class="penalties" id="penalties">
                    <h3>{ t(lang, "penalties") }</h3>
                    <ul>{ for det.penalties.iter().map(|p| html!{
                        <li>{ tx(lang, &p.text) }<span class="cites">{ format!(" ({})", p.citations.join(" · ")) }</span></li>
                    }) }</ul>
                </section>
            }
            if let Some(sc) = &det.screening {
                <section class="screening" id="screening">
                    <h3>{ t(lang, "screening") }</h3>
                    if sc.hits.is_empty() {
                        <p>{ t(lang, "screening_none") }</p>
                    } else {
                        <ul>{ for sc.hits.iter().map(|h| html!{
                            <li data-party={h.party_id.clone()} data-level={format!("{:?}", h.level)}>
                                <strong>{ tx(lang, &h.name) }</strong>
                                { format!(" · {} · {} · {}", t(lang, match h.list { crate::engine::model::PartyList::ControlList => "list_control", crate::engine::model::PartyList::WatchList => "list_watch", crate::engine::model::PartyList::UnreliableEntityList => "list_uel" }), t(lang, match h.level { crate::engine::screen::HitLevel::Exact => "hit_exact", crate::engine::screen::HitLevel::Strong => "hit_strong", crate::engine::screen::HitLevel::Weak => "hit_weak" }), if h.active { t(lang, "listing_active") } else { t(lang, "listing_inactive") }) }
                                <p class="help">{ tx(lang, &h.measures) }{ format!(" ({})", h.source_date) }</p>
                            </li>
                        }) }</ul>
                    }
                    <p class="help">{ format!("{}: {} · {}", t(lang, "screening_checked"), sc.lists_checked.iter().map(|l| l.entries.to_string()).collect::<Vec<_>>().join(" / "), sc.data_date) }</p>
                </section>
            }
            if let Some(r) = &det.customs_remark {
                <section><h3>{ t(lang, "customs_remark") }</h3><p class="remark" id="customs-remark">{ tx(lang, r) }</p></section>
            }
            <section class="trace">
                <h3>{ t(lang, "trace") }</h3>
                <ol id="trace">{ for det.trace.iter().map(|st| {
                    let kind = match st.kind { StepKind::Info => "info", StepKind::Decisive => "decisive", StepKind::Warning => "warning", StepKind::Uncertain => "uncertain" };
                    html! { <li class={classes!("trace-step", kind)} data-rule={st.rule.clone()}>
                        <p>{ tx(lang, &st.text) }</p>
                        if let Some(a) = &st.answer { <p class="answer">{ format!("{}: {}", t(lang, "answers"), tx(lang, a)) }</p> }
                        if !st.citations.is_empty() { <p class="cites">{ st.citations.join(" · ") }</p> }
                    </li> }
                }) }</ol>
            </section>
            <section class="citations">
                <h3>{ t(lang, "citations") }</h3>
                <ul id="citations">{ for det.citations.iter().map(|c| {
                    let src = det.sources.iter().find(|s| s.id == c.source);
                    let law = src.map(|s| s.title.get(lang).to_string()).unwrap_or_else(|| c.instrument.clone());
                    let art = if lang == Lang::Zh { format!("{law} 第{}条", c.article) } else { format!("{law}, Art. {}", c.article) };
                    html! { <li data-citation={c.id.clone()}><details><summary>{ art }</summary><p>{ tx(lang, &c.summary) }</p></details></li> }
                }) }</ul>
                <h3>{ t(lang, "sources") }</h3>
                <ul id="sources">{ for det.sources.iter().filter(|s| s.kind != "law").map(|s| html!{
                    <li data-source={s.id.clone()}>
                        if let Some(u) = &s.url { <a href={u.clone()} rel="noopener noreferrer" target="_blank">{ &s.number }</a> } else { { &s.number } }
                        { format!(" — {} ({})", s.title.get(lang), s.date) }
                        if let Some(g) = &s.gaps { <p class="help">{ tx(lang, g) }</p> }
                    </li>
                }) }</ul>
            </section>
            <p class="version" id="data-version">{ format!("{}: {} · {}: {}", t(lang, "data_version"), &det.data_version.hash.get(..16).unwrap_or(""), t(lang, "newest_source"), det.data_version.newest_source) }</p>
        </>
    }
}

fn download_report(s: &State, det: &Determination) {
    let report = serde_json::json!({
        "report_version": 1,
        "generated_at": String::from(js_sys::Date::new_0().to_iso_string()),
        "state": s,
        "determination": det,
    });
    let Ok(text) = serde_json::to_string_pretty(&report) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = gloo::utils::document();
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(&format!("dual-use-check-{}.json", det.as_of));
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[inline(never)]
fn view_result(s: &State, engine: &Engine, d: &Callback<Action>) -> Html {
    let lang = s.lang;
    let det = determine(engine, &s.request(), super::today());
    let content = match &det {
        Ok(det) => view_determination(lang, det),
        Err(e) => {
            html! { <div class="notice" role="alert"><p>{ format!("{}: {}", t(lang, "error"), if lang == Lang::Zh { &e.zh } else { &e.en }) }</p></div> }
        }
    };
    let on_download = {
        let s = s.clone();
        let det = det.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(det) = &det {
                download_report(&s, det);
            }
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <section class="step step-result">
            { content }
            <div class="nav-buttons no-print">
                <button type="button" id="back" class="secondary" onclick={d.reform(|_: MouseEvent| Action::Back)}>{ t(lang, "back") }</button>
                <button type="button" id="print" class="secondary" onclick={on_print}>{ t(lang, "print") }</button>
                <button type="button" id="download" class="secondary" onclick={on_download}>{ t(lang, "download") }</button>
                <button type="button" id="restart" class="primary" onclick={d.reform(|_: MouseEvent| Action::Reset)}>{ t(lang, "restart") }</button>
            </div>
        </section>
    }
}
