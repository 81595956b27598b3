//! Whether a dated listing or measure is in force on a given day.

use crate::engine::date::Date;
use crate::engine::model::Window;
use serde::{Deserialize, Serialize};

/// The state of a listing or measure on the evaluation date.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Status {
    NotYetInForce {
        from: String,
    },
    InForce,
    /// Suspended by the given window, which is current.
    Suspended {
        window: Window,
    },
    /// The known suspension window has ended and nothing later in the data settles
    /// what happened next: the status is uncertain.
    SuspensionLapsed {
        window: Window,
    },
    Ended {
        to: String,
    },
}

fn covers(w: &Window, d: Date) -> bool {
    let from_ok = Date::parse(&w.from).is_some_and(|f| f <= d);
    let to_ok = match &w.to {
        None => true,
        Some(t) => Date::parse(t).is_some_and(|t| d <= t),
    };
    from_ok && to_ok
}

/// Evaluate `valid` windows and `suspensions` on day `d`.
pub fn status_on(valid: &[Window], suspensions: &[Window], d: Date) -> Status {
    if !valid.iter().any(|w| covers(w, d)) {
        let earliest_future = valid
            .iter()
            .filter_map(|w| Date::parse(&w.from).map(|f| (f, w)))
            .filter(|(f, _)| *f > d)
            .min_by_key(|(f, _)| *f);
        let any_past = valid
            .iter()
            .any(|w| Date::parse(&w.from).is_some_and(|f| f <= d));
        return match earliest_future {
            Some((_, w)) if !any_past => Status::NotYetInForce {
                from: w.from.clone(),
            },
            _ => Status::Ended {
                to: valid
                    .iter()
                    .filter_map(|w| w.to.clone())
                    .max()
                    .unwrap_or_default(),
            },
        };
    }
    if let Some(s) = suspensions.iter().find(|s| covers(s, d)) {
        return Status::Suspended { window: s.clone() };
    }
    // A suspension that ended before `d` leaves the status uncertain unless a later
    // window (a new validity window, or another suspension) starting after its end
    // and on or before `d` settles it.
    for s in suspensions {
        let Some(end) = s.to.as_deref().and_then(Date::parse) else {
            continue;
        };
        if end >= d {
            continue;
        }
        let settled = valid
            .iter()
            .chain(suspensions.iter())
            .filter_map(|w| Date::parse(&w.from))
            .any(|f| f > end && f <= d);
        if !settled {
            return Status::SuspensionLapsed { window: s.clone() };
        }
    }
    Status::InForce
}
