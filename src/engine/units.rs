//! Physical dimensions and units. Conversions go to the dimension's canonical unit
//! (the first one listed). Shared with `build.rs`.

/// (dimension, unit, scale, offset): canonical = value * scale + offset.
const UNITS: &[(&str, &str, f64, f64)] = &[
    ("fraction", "%", 1.0, 0.0),
    ("fraction", "ppm", 1e-4, 0.0),
    ("fraction", "ppb", 1e-7, 0.0),
    ("length", "mm", 1.0, 0.0),
    ("length", "m", 1e3, 0.0),
    ("length", "cm", 10.0, 0.0),
    ("length", "um", 1e-3, 0.0),
    ("length", "nm", 1e-6, 0.0),
    ("length", "km", 1e6, 0.0),
    ("length", "inch", 25.4, 0.0),
    ("mass", "kg", 1.0, 0.0),
    ("mass", "g", 1e-3, 0.0),
    ("mass", "t", 1e3, 0.0),
    ("power", "kW", 1.0, 0.0),
    ("power", "W", 1e-3, 0.0),
    ("power", "MW", 1e3, 0.0),
    ("pressure", "MPa", 1.0, 0.0),
    ("pressure", "Pa", 1e-6, 0.0),
    ("pressure", "kPa", 1e-3, 0.0),
    ("pressure", "GPa", 1e3, 0.0),
    ("frequency", "MHz", 1.0, 0.0),
    ("frequency", "Hz", 1e-6, 0.0),
    ("frequency", "kHz", 1e-3, 0.0),
    ("frequency", "GHz", 1e3, 0.0),
    ("density", "g/cm3", 1.0, 0.0),
    ("density", "kg/m3", 1e-3, 0.0),
    ("areal_density", "kg/m2", 1.0, 0.0),
    ("areal_density", "g/m2", 1e-3, 0.0),
    ("linear_tenacity", "cN/dtex", 1.0, 0.0),
    ("velocity", "m/s", 1.0, 0.0),
    ("velocity", "km/h", 1.0 / 3.6, 0.0),
    ("temperature", "C", 1.0, 0.0),
    ("temperature", "K", 1.0, -273.15),
    ("energy_density", "Wh/kg", 1.0, 0.0),
    ("specific_capacity", "mAh/g", 1.0, 0.0),
    ("volume", "m3", 1.0, 0.0),
    ("volume", "L", 1e-3, 0.0),
    ("daily_volume", "m3/d", 1.0, 0.0),
    ("current_density", "A/cm2", 1.0, 0.0),
    ("current", "A", 1.0, 0.0),
    ("current", "kA", 1e3, 0.0),
    ("angle", "mrad", 1.0, 0.0),
    ("angle", "urad", 1e-3, 0.0),
    ("angle", "deg", std::f64::consts::PI / 180.0 * 1e3, 0.0),
    ("per_area", "/cm2", 1.0, 0.0),
    ("magnetic_flux", "T", 1.0, 0.0),
    ("magnetic_flux", "mT", 1e-3, 0.0),
    ("time", "min", 1.0, 0.0),
    ("time", "s", 1.0 / 60.0, 0.0),
    ("time", "h", 60.0, 0.0),
    ("wavelength", "nm", 1.0, 0.0),
    ("wavelength", "um", 1e3, 0.0),
    ("count", "1", 1.0, 0.0),
    ("transmittance", "%", 1.0, 0.0),
];

/// Spellings users type, mapped to the ASCII unit names used in data.
const ALIASES: &[(&str, &str)] = &[
    ("µm", "um"),
    ("μm", "um"),
    ("微米", "um"),
    ("毫米", "mm"),
    ("厘米", "cm"),
    ("米", "m"),
    ("纳米", "nm"),
    ("英寸", "inch"),
    ("in", "inch"),
    ("\"", "inch"),
    ("wt%", "%"),
    ("wt.%", "%"),
    ("％", "%"),
    ("°C", "C"),
    ("℃", "C"),
    ("摄氏度", "C"),
    ("g/cm³", "g/cm3"),
    ("kg/m³", "kg/m3"),
    ("kg/m²", "kg/m2"),
    ("g/m²", "g/m2"),
    ("m³", "m3"),
    ("m³/d", "m3/d"),
    ("A/cm²", "A/cm2"),
    ("/cm²", "/cm2"),
    ("cm-2", "/cm2"),
    ("cm^-2", "/cm2"),
    ("千瓦", "kW"),
    ("瓦", "W"),
    ("兆帕", "MPa"),
    ("吉帕", "GPa"),
    ("µrad", "urad"),
    ("μrad", "urad"),
];

/// The units of a dimension, canonical first. Empty for an unknown dimension.
pub fn units_of(dimension: &str) -> Vec<&'static str> {
    UNITS
        .iter()
        .filter(|u| u.0 == dimension)
        .map(|u| u.1)
        .collect()
}

pub fn is_dimension(dimension: &str) -> bool {
    UNITS.iter().any(|u| u.0 == dimension)
}

/// Normalise a unit as typed (trimmed, aliases resolved, case-folded where unambiguous).
pub fn normalize_unit(unit: &str) -> String {
    let t = unit.trim();
    if let Some((_, to)) = ALIASES.iter().find(|(from, _)| *from == t) {
        return (*to).to_string();
    }
    if UNITS.iter().any(|u| u.1 == t) {
        return t.to_string();
    }
    // Case-insensitive match when exactly one unit spells that way (e.g. "kw" → "kW",
    // but "mw" is ambiguous between mW and MW only if both existed; we have MW only).
    let lower = t.to_lowercase();
    let hits: Vec<&str> = UNITS
        .iter()
        .map(|u| u.1)
        .filter(|u| u.to_lowercase() == lower)
        .collect();
    match hits.as_slice() {
        [one] => (*one).to_string(),
        _ => t.to_string(),
    }
}

/// Convert a value in `unit` to the canonical unit of `dimension`.
pub fn to_canonical(dimension: &str, unit: &str, value: f64) -> Option<f64> {
    let unit = normalize_unit(unit);
    UNITS
        .iter()
        .find(|u| u.0 == dimension && u.1 == unit)
        .map(|u| value * u.2 + u.3)
}

/// How a unit is shown to people.
pub fn display_unit(unit: &str) -> &str {
    match unit {
        "um" => "µm",
        "urad" => "µrad",
        "C" => "°C",
        "g/cm3" => "g/cm³",
        "kg/m3" => "kg/m³",
        "kg/m2" => "kg/m²",
        "g/m2" => "g/m²",
        "m3" => "m³",
        "m3/d" => "m³/d",
        "A/cm2" => "A/cm²",
        "/cm2" => "/cm²",
        "1" => "",
        other => other,
    }
}
