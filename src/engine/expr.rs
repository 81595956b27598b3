//! The rule language of list entries (see `data/README.md`). Shared with `build.rs`.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "==")]
    Eq,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }
    /// Whether the bound value itself satisfies the comparison.
    pub fn inclusive(self) -> bool {
        matches!(self, Op::Ge | Op::Le | Op::Eq)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cmp {
    pub param: String,
    pub op: Op,
    pub value: f64,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expr {
    Const(bool),
    /// A yes/no parameter is "yes".
    Flag(String),
    /// A choice parameter is one of the ids.
    In(String, Vec<String>),
    Cmp(Cmp),
    Not(Box<Expr>),
    All(Vec<Expr>),
    Any(Vec<Expr>),
}

/// What a rule expects of a parameter it mentions.
#[derive(Clone, Debug, PartialEq)]
pub enum Use<'a> {
    Flag,
    Choice(&'a [String]),
    Number(&'a str),
}

impl Expr {
    /// Every parameter the rule mentions, with how it is used.
    pub fn uses(&self) -> Vec<(&str, Use<'_>)> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }
    fn collect<'a>(&'a self, out: &mut Vec<(&'a str, Use<'a>)>) {
        match self {
            Expr::Const(_) => {}
            Expr::Flag(p) => out.push((p, Use::Flag)),
            Expr::In(p, ids) => out.push((p, Use::Choice(ids))),
            Expr::Cmp(c) => out.push((&c.param, Use::Number(&c.unit))),
            Expr::Not(e) => e.collect(out),
            Expr::All(v) | Expr::Any(v) => v.iter().for_each(|e| e.collect(out)),
        }
    }
}

impl std::fmt::Display for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expr::Const(b) => write!(f, "{b}"),
            Expr::Flag(p) => write!(f, "{p}"),
            Expr::In(p, ids) => write!(f, "{p} ∈ {{{}}}", ids.join(", ")),
            Expr::Cmp(c) => write!(
                f,
                "{} {} {} {}",
                c.param,
                c.op.symbol(),
                c.value,
                crate::engine::units::display_unit(&c.unit)
            ),
            Expr::Not(e) => write!(f, "not ({e})"),
            Expr::All(v) | Expr::Any(v) => {
                let sep = if matches!(self, Expr::All(_)) {
                    " and "
                } else {
                    " or "
                };
                write!(f, "(")?;
                for (i, e) in v.iter().enumerate() {
                    if i > 0 {
                        write!(f, "{sep}")?;
                    }
                    write!(f, "{e}")?;
                }
                write!(f, ")")
            }
        }
    }
}

const MAX_DEPTH: usize = 48;
const MAX_LEN: usize = 8192;

struct Parser<'a> {
    s: &'a str,
    pos: usize,
    depth: usize,
}

/// Parse a rule. Errors are plain English strings for data reviewers.
pub fn parse(src: &str) -> Result<Expr, String> {
    if src.len() > MAX_LEN {
        return Err(format!("rule longer than {MAX_LEN} bytes"));
    }
    let mut p = Parser {
        s: src,
        pos: 0,
        depth: 0,
    };
    let e = p.or()?;
    p.ws();
    if p.pos != p.s.len() {
        return Err(format!("unexpected text at byte {}: {:?}", p.pos, p.rest()));
    }
    Ok(e)
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or("")
    }
    fn ws(&mut self) {
        let r = self.rest();
        self.pos += r.len() - r.trim_start().len();
    }
    fn eat(&mut self, t: &str) -> bool {
        self.ws();
        if self.rest().starts_with(t) {
            self.pos += t.len();
            true
        } else {
            false
        }
    }
    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err("rule nested too deeply".into())
        } else {
            Ok(())
        }
    }
    fn or(&mut self) -> Result<Expr, String> {
        self.enter()?;
        let mut v = vec![self.and()?];
        while self.eat("|") {
            v.push(self.and()?);
        }
        self.depth -= 1;
        Ok(if v.len() == 1 {
            v.remove(0)
        } else {
            Expr::Any(v)
        })
    }
    fn and(&mut self) -> Result<Expr, String> {
        let mut v = vec![self.not()?];
        while self.eat("&") {
            v.push(self.not()?);
        }
        Ok(if v.len() == 1 {
            v.remove(0)
        } else {
            Expr::All(v)
        })
    }
    fn not(&mut self) -> Result<Expr, String> {
        if self.eat("!") {
            self.enter()?;
            let e = self.not()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(e)));
        }
        self.atom()
    }
    fn ident(&mut self) -> Result<String, String> {
        self.ws();
        let r = self.rest();
        let n = r
            .char_indices()
            .find(|(i, c)| !(c.is_ascii_lowercase() || *c == '_' || (*i > 0 && c.is_ascii_digit())))
            .map(|(i, _)| i)
            .unwrap_or(r.len());
        if n == 0 {
            return Err(format!(
                "expected a parameter name at byte {}: {:?}",
                self.pos, r
            ));
        }
        self.pos += n;
        Ok(r[..n].to_string())
    }
    fn atom(&mut self) -> Result<Expr, String> {
        if self.eat("(") {
            let e = self.or()?;
            if !self.eat(")") {
                return Err(format!("missing ')' at byte {}", self.pos));
            }
            return Ok(e);
        }
        let id = self.ident()?;
        match id.as_str() {
            "true" => return Ok(Expr::Const(true)),
            "false" => return Ok(Expr::Const(false)),
            _ => {}
        }
        for (t, op) in [
            (">=", Op::Ge),
            ("<=", Op::Le),
            ("==", Op::Eq),
            (">", Op::Gt),
            ("<", Op::Lt),
        ] {
            if self.eat(t) {
                let value = self.number()?;
                let unit = self.unit()?;
                return Ok(Expr::Cmp(Cmp {
                    param: id,
                    op,
                    value,
                    unit,
                }));
            }
        }
        self.ws();
        if self.rest().starts_with("in") {
            self.pos += 2;
            if !self.eat("{") {
                return Err(format!("expected '{{' after 'in' at byte {}", self.pos));
            }
            let mut ids = vec![self.ident()?];
            while self.eat(",") {
                ids.push(self.ident()?);
            }
            if !self.eat("}") {
                return Err(format!("missing '}}' at byte {}", self.pos));
            }
            return Ok(Expr::In(id, ids));
        }
        Ok(Expr::Flag(id))
    }
    fn number(&mut self) -> Result<f64, String> {
        self.ws();
        let r = self.rest();
        let n = r
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e' || c == '-'))
            .unwrap_or(r.len());
        let v: f64 = r[..n]
            .parse()
            .map_err(|_| format!("expected a number at byte {}: {:?}", self.pos, r))?;
        if !v.is_finite() {
            return Err("number is not finite".into());
        }
        self.pos += n;
        Ok(v)
    }
    fn unit(&mut self) -> Result<String, String> {
        self.ws();
        let r = self.rest();
        let n = r
            .find(|c: char| c.is_whitespace() || "&|()!{},".contains(c))
            .unwrap_or(r.len());
        if n == 0 {
            return Err(format!("missing unit at byte {}", self.pos));
        }
        self.pos += n;
        Ok(r[..n].to_string())
    }
}
