//! Typed errors with bilingual messages. Nothing in the engine panics on bad input;
//! every rejection is one of these.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    MalformedRequest,
    UnknownCode,
    UnknownParameter,
    WrongAnswerType,
    UnknownChoice,
    UnknownUnit,
    InvalidNumber,
    NegativeValue,
    ValueOutOfRange,
    BadDate,
    UnknownCountry,
    InputTooLarge,
    BadData,
}

/// An input the engine refuses, with a message in both languages.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct EngineError {
    pub code: ErrorCode,
    pub zh: String,
    pub en: String,
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.en)
    }
}

impl std::error::Error for EngineError {}

/// Shorten user-supplied text before echoing it in a message.
pub fn clip(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

impl EngineError {
    pub fn new(code: ErrorCode, zh: impl Into<String>, en: impl Into<String>) -> Self {
        EngineError {
            code,
            zh: zh.into(),
            en: en.into(),
        }
    }
    pub fn malformed(detail: &str) -> Self {
        Self::new(
            ErrorCode::MalformedRequest,
            format!("请求格式不正确：{}", clip(detail)),
            format!("The request is malformed: {}", clip(detail)),
        )
    }
    pub fn unknown_code(code: &str) -> Self {
        Self::new(
            ErrorCode::UnknownCode,
            format!("清单中没有编码“{}”。请检查编码，或按名称搜索。", clip(code)),
            format!(
                "There is no list entry with code \"{}\". Check the code or search by name.",
                clip(code)
            ),
        )
    }
    pub fn unknown_tech(id: &str) -> Self {
        Self::new(
            ErrorCode::UnknownCode,
            format!("技术目录中没有条目“{}”。请从候选列表中选择。", clip(id)),
            format!(
                "There is no technology-catalogue item \"{}\". Pick one from the candidates.",
                clip(id)
            ),
        )
    }
    pub fn unknown_param(code: &str, param: &str) -> Self {
        Self::new(
            ErrorCode::UnknownParameter,
            format!("条目 {} 没有参数“{}”。", clip(code), clip(param)),
            format!("Entry {} has no parameter \"{}\".", clip(code), clip(param)),
        )
    }
    pub fn wrong_type(param: &str, expected_zh: &str, expected_en: &str) -> Self {
        Self::new(
            ErrorCode::WrongAnswerType,
            format!("参数“{}”需要{}。", clip(param), expected_zh),
            format!("Parameter \"{}\" needs {}.", clip(param), expected_en),
        )
    }
    pub fn unknown_choice(param: &str, value: &str) -> Self {
        Self::new(
            ErrorCode::UnknownChoice,
            format!("“{}”不是参数“{}”的可选项。", clip(value), clip(param)),
            format!(
                "\"{}\" is not one of the options of \"{}\".",
                clip(value),
                clip(param)
            ),
        )
    }
    pub fn unknown_unit(param: &str, unit: &str, allowed: &[&str]) -> Self {
        Self::new(
            ErrorCode::UnknownUnit,
            format!(
                "参数“{}”不接受单位“{}”。可用单位：{}。",
                clip(param),
                clip(unit),
                allowed.join("、")
            ),
            format!(
                "Parameter \"{}\" does not accept the unit \"{}\". Units: {}.",
                clip(param),
                clip(unit),
                allowed.join(", ")
            ),
        )
    }
    pub fn invalid_number(param: &str) -> Self {
        Self::new(
            ErrorCode::InvalidNumber,
            format!("参数“{}”的数值无效（不是有限数字）。", clip(param)),
            format!("The value of \"{}\" is not a finite number.", clip(param)),
        )
    }
    pub fn negative(param: &str) -> Self {
        Self::new(
            ErrorCode::NegativeValue,
            format!("参数“{}”不能为负数。", clip(param)),
            format!("The value of \"{}\" cannot be negative.", clip(param)),
        )
    }
    pub fn out_of_range(param: &str) -> Self {
        Self::new(
            ErrorCode::ValueOutOfRange,
            format!("参数“{}”的数值超出合理范围，请检查单位。", clip(param)),
            format!(
                "The value of \"{}\" is outside any plausible range. Check the unit.",
                clip(param)
            ),
        )
    }
    pub fn bad_date(s: &str) -> Self {
        Self::new(
            ErrorCode::BadDate,
            format!("日期“{}”无效，应为 YYYY-MM-DD。", clip(s)),
            format!("The date \"{}\" is not valid; use YYYY-MM-DD.", clip(s)),
        )
    }
    pub fn unknown_country(s: &str) -> Self {
        Self::new(
            ErrorCode::UnknownCountry,
            format!("未知的国家或地区代码“{}”。", clip(s)),
            format!("Unknown country or region code \"{}\".", clip(s)),
        )
    }
    pub fn too_large(what: &str, limit: usize) -> Self {
        Self::new(
            ErrorCode::InputTooLarge,
            format!("{what} 过长（上限 {limit} 字符）。"),
            format!("{what} is too long (limit {limit} characters)."),
        )
    }
    pub fn bad_data(errors: &[String]) -> Self {
        let first = errors.first().map(String::as_str).unwrap_or("");
        Self::new(
            ErrorCode::BadData,
            format!(
                "数据文件未通过校验（{} 处错误），已继续使用原有数据。首个错误：{}",
                errors.len(),
                clip(first)
            ),
            format!(
                "The data file failed validation ({} error(s)); the current data stays in use. First error: {}",
                errors.len(),
                clip(first)
            ),
        )
    }
}
