#!/usr/bin/env python3
"""Generate data/parties/*.toml and data/sources/parties.toml from the announcement texts.

Reads (at generation time only) ../shared/reference/entities: the control-list and
Unreliable Entity List batch files, whose `content` is the announcement text with its
annex of listed names, and registry-cn.json for batches whose announcement text we do
not have (marked as such in the source's `gaps`). Measures are paraphrased in our own
words from a fixed table keyed on each announcement's measure clauses. Suspensions come
from the MOFCOM spokesperson statements of 2025-11-06 (see SUSPENSIONS). Review the diff.
"""
import json, re, sys
from pathlib import Path
import yaml

REF = Path(__file__).resolve().parents[2] / "shared" / "reference"
OUT = Path(__file__).resolve().parents[1] / "data"

def upper_first(s):
    return s[:1].upper() + s[1:]


def q(s):
    return json.dumps(s, ensure_ascii=False)

COUNTRY = [("美国", "US"), ("台湾", "TW"), ("日本", "JP")]

# Measure clauses → our paraphrase (zh, en).
UEL_MEASURES = [
    ("进出口", ("禁止其从事与中国有关的进出口活动", "barred from China-related import and export")),
    ("投资", ("禁止其在中国境内新增投资", "barred from new investment in China")),
    ("入境", ("禁止其高级管理人员入境", "its senior managers barred from entering China")),
    ("工作许可", ("取消或不予其相关人员在华工作许可、停留或居留资格", "work, stay or residence permits of its staff in China revoked or refused")),
    ("罚款", ("处以罚款", "fined")),
    ("交易、合作", ("禁止中国境内组织和个人与其进行交易、合作等活动，特别是传输数据、提供敏感信息", "organisations and persons in China may not trade or cooperate with it, in particular transfer data or sensitive information")),
]
CL_MEASURE = ("不得向该实体出口两用物项，进行中的出口须立即停止；确有特殊需要的，出口经营者可向商务部申请。",
              "No dual-use item may be exported to this entity and ongoing exports must stop; in special cases the exporter may apply to MOFCOM.")
CL_FOREIGN = ("境外组织和个人也不得将原产于中国的两用物项转移或提供给该实体。",
              "Foreign organisations and individuals may not transfer or provide China-origin dual-use items to it either.")
WL_MEASURE = ("向其出口两用物项不得使用通用许可或登记方式；申请单项许可须提交风险评估报告和书面承诺（不得用于提升日本军事实力）。",
              "Exports of dual-use items to it cannot use a general licence or registration; single-licence applications need a risk assessment report and a written commitment (not to enhance Japan's military capability).")

# Spokesperson statements of 2025-11-06 (announcements/2025-11-06-*.md).
STMT_CL = "MOFCOM-SPOKES-2025-11-06-CL"
STMT_UEL = "MOFCOM-SPOKES-2025-11-06-UEL"
ENDED = {("control_list", "2025-13"): ("2025-11-09", STMT_CL), ("unreliable_entity_list", "2025-5"): ("2025-11-09", STMT_UEL), ("unreliable_entity_list", "2025-6"): ("2025-11-09", STMT_UEL)}
SUSPENDED = {("control_list", "2025-21"): ("2025-11-10", "2026-11-09", STMT_CL), ("unreliable_entity_list", "2025-7"): ("2025-11-10", "2026-11-09", STMT_UEL)}

sources, parties = [], {"control_list": [], "watch_list": [], "unreliable_entity_list": []}

def add_source(sid, number, zh, en, date, url, ref, gaps=None):
    s = [f"[[source]]", f"id = {q(sid)}", 'kind = "announcement"', f"number = {q(number)}", f"title.zh = {q(zh)}", f"title.en = {q(en)}", f"date = {q(date)}", f"effective = {q(date)}"]
    if url and "example" not in url:
        s.append(f"url = {q(url)}")
    if ref:
        s.append(f"ref = {q(ref)}")
    if gaps:
        s += [f"gaps.zh = {q(gaps[0])}", f"gaps.en = {q(gaps[1])}"]
    sources.append("\n".join(s))

def listed(doc):
    """The listed entities: the structured list of the batch file (checked against the
    announcement's annex where the text has one)."""
    ents = (doc.get("sanction_details") or {}).get("entities") or []
    out = []
    for i, e in enumerate(ents, 1):
        n = e.get("name") or {}
        zh, en = (n.get("zh-Hans") or "").strip(), (n.get("en") or "").strip()
        if zh or en:
            out.append({"n": i, "zh": zh or en, "en": en or zh, "aliases": []})
    return out or annex(doc["announcement"]["content"])

def annex(content):
    """Numbered annex lines 'N. 中文名（English）', with '- alias' lines after them."""
    out = []
    part = content.split("附件")[-1] if "附件" in content else content.split("附")[-1]
    for line in part.splitlines():
        m = re.match(r"^\s*(\d+)[\.．、]\s*(.+?)\s*[（(]\s*(.+?)\s*[）)]\s*(及其分支机构)?\s*$", line)
        if m:
            out.append({"n": int(m.group(1)), "zh": m.group(2).strip(), "en": m.group(3).strip(), "aliases": []})
            continue
        m = re.match(r"^\s*-\s+(.+?)\s*$", line)
        if m and out:
            out[-1]["aliases"].append(m.group(1))
    return out

def party(lst, pid, zh, en, aliases, country, measures, src, para, date, key, note=None):
    p = ["[[party]]", f"id = {q(pid)}", f"list = {q(lst)}", f"name.zh = {q(zh)}", f"name.en = {q(en)}"]
    if aliases:
        p.append(f"aliases = [{', '.join(q(a) for a in aliases)}]")
    if country:
        p.append(f"country = {q(country)}")
    p += [f"measures.zh = {q(measures[0])}", f"measures.en = {q(measures[1])}", f"source = {{ source = {q(src)}, para = {q(para)} }}"]
    if key in ENDED:
        to, s2 = ENDED[key]
        p.append(f"listed = [{{ from = {q(date)}, to = {q(to)}, source = {q(src)} }}]")
        note = note or ("商务部新闻发言人2025-11-06表示，自2025-11-10起停止实施对该批实体的措施。", "MOFCOM's spokesperson said on 2025-11-06 that the measures against this batch stop from 2025-11-10.")
    else:
        p.append(f"listed = [{{ from = {q(date)}, source = {q(src)} }}]")
    if key in SUSPENDED:
        f, t, s2 = SUSPENDED[key]
        p.append(f"suspensions = [{{ from = {q(f)}, to = {q(t)}, source = {q(s2)}, para = \"2\" }}]")
        note = note or ("商务部新闻发言人2025-11-06表示，自2025-11-10起继续暂停实施措施一年（至2026-11-09）；此前暂停的起始日期不在我们的资料中。", "MOFCOM's spokesperson said on 2025-11-06 that the measures stay suspended for one more year from 2025-11-10 (to 2026-11-09); when the earlier suspension began is not in our sources.")
    if note:
        p += [f"note.zh = {q(note[0])}", f"note.en = {q(note[1])}"]
    parties[lst].append("\n".join(p))

seen_cl = set()
for path in sorted((REF / "entities" / "import-export-control-list").glob("*.y*ml")):
    doc = yaml.safe_load(path.read_text())
    a = doc["announcement"]
    num = re.search(r"(\d+)号", a["document_id"]).group(1)
    year = a["publish_date"][:4]
    sid = f"MOFCOM-{year}-{num}"
    title = a["title"][0]
    add_source(sid, f"商务部公告{year}年第{num}号", title["zh-Hans"], "MOFCOM Announcement " + f"{year} No. {num}: " + title.get("en", "").strip(), a["publish_date"], a.get("url"), f"entities/import-export-control-list/{path.name}")
    content = a["content"]
    country = next((c for k, c in COUNTRY if k in title["zh-Hans"]), None)
    meas = CL_MEASURE if "境外组织和个人" not in content else (CL_MEASURE[0] + CL_FOREIGN[0], CL_MEASURE[1] + " " + CL_FOREIGN[1])
    note = None
    if path.name == "202501.yml":
        note = ("参考数据将本批实体标注为“反制裁清单”，与公告不符；按公告，本批为出口管制管控名单。", "The reference data tags this batch as the counter-sanctions list, which contradicts the announcement; per the announcement it is the export control list.")
    for e in listed(doc):
        pid = f"CL-{year}-{int(num):02d}-{e['n']:02d}"
        seen_cl.add((e["en"].lower(), a["publish_date"]))
        party("control_list", pid, e["zh"], e["en"], e["aliases"], country, meas, sid, f"附件 第{e['n']}项", a["publish_date"], ("control_list", f"{year}-{num}"), note)

for path in sorted((REF / "entities" / "unreliable-entity-list").glob("*.y*ml")):
    doc = yaml.safe_load(path.read_text())
    a = doc["announcement"]
    m = re.search(r"〔(\d{4})〕(\d+)号", a["document_id"])
    year, num = m.group(1), m.group(2)
    sid = f"UEL-WM-{year}-{num}"
    title = a["title"][0]
    url = a.get("url") or ""
    gaps = None
    if not url or "example" in url or url.rstrip("/").endswith(".cn"):
        gaps = ("参考数据中该公告的来源链接为占位符，未能核对官方页面。", "The reference data gives a placeholder source URL for this announcement; the official page was not checked.")
    add_source(sid, f"不可靠实体清单工作机制公告〔{year}〕{num}号", title["zh-Hans"], "Unreliable Entity List Working Mechanism announcement " + f"[{year}] No. {num}: " + title.get("en", "").strip(), a["publish_date"], url, f"entities/unreliable-entity-list/{path.name}", gaps)
    content = a["content"]
    clauses = [l for l in content.splitlines() if re.match(r"^\s*(（[一二三四五六七八九]）|[一二三四五六七八九]、)", l)]
    zh, en = [], []
    for key, (mz, me) in UEL_MEASURES:
        if any(key in c for c in clauses):
            zh.append(mz); en.append(me)
    if not zh:
        zh, en = ["措施见公告原文"], ["see the announcement for the measures"]
    meas = ("；".join(zh) + "。", upper_first("; ".join(en)) + ".")
    country = next((c for k, c in COUNTRY if k in title["zh-Hans"]), None)
    for e in listed(doc):
        pid = f"UEL-{year}-{int(num):02d}-{e['n']:02d}"
        party("unreliable_entity_list", pid, e["zh"], e["en"], e["aliases"], country, meas, sid, f"附 第{e['n']}项", a["publish_date"], ("unreliable_entity_list", f"{year}-{num}"))

# Batches we only have from the third-party registry.
reg = json.loads((REF / "entities" / "registry-cn.json").read_text())
batches = {}
for r in reg:
    batches.setdefault((r["list_id"], r["date_added"]), []).append(r)
for (lst, date), rows in sorted(batches.items()):
    if lst == "cn-unreliable-entity-list" or (lst == "cn-export-control-watchlist" and date <= "2026-02-24"):
        continue  # covered by the announcement texts above
    kind = "watch_list" if lst == "cn-attention-list" else "control_list"
    if kind == "watch_list" and date == "2026-02-24":
        sid, number = "MOFCOM-2026-12", "商务部公告2026年第12号"
        ref = "announcements/2026-02-24-mofcom-announcement-2026-no12-20-japan-entities-watch-list.md"
        gaps = ("实体名称取自第三方登记数据，并与公告摘要核对。", "Entity names come from a third-party registry, checked against the announcement summary.")
    else:
        sid, number, ref = f"MOFCOM-{'WL' if kind == 'watch_list' else 'CL'}-{date}", f"商务部公告（{date}，{'关注名单' if kind == 'watch_list' else '管控名单'}批次）", "entities/registry-cn.json"
        gaps = ("我们没有该公告的中文原文，只有第三方登记数据中的名称和链接；请核对官方页面。", "We do not have this announcement's Chinese text, only names and a link in a third-party registry; check the official page.")
    zh_list = "关注名单" if kind == "watch_list" else "出口管制管控名单"
    en_list = "watch list" if kind == "watch_list" else "export control list"
    add_source(sid, number, f"将{len(rows)}家实体列入{zh_list}", f"{len(rows)} entities added to the {en_list}", date, rows[0].get("source_url"), ref, gaps)
    for i, r in enumerate(rows, 1):
        en = r["entity_name"]
        zh = next((x for x in r.get("aliases", []) if re.search(r"[\u4e00-\u9fff\u3040-\u30ff]", x)), en)
        aliases = [x for x in r.get("aliases", []) if x != zh]
        prefix = "WL" if kind == "watch_list" else "CL"
        meas = WL_MEASURE if kind == "watch_list" else CL_MEASURE
        note = None if zh != en else ("只有一种语言的名称见于资料，两个字段填写相同名称。", "Only one published name is available; it fills both fields.")
        country = "JP" if kind == "watch_list" or date == "2026-02-24" else None
        party(kind, f"{prefix}-{date.replace('-', '')}-{i:02d}", zh, en, aliases, country, meas, sid, f"第{i}项", date, (kind, date), note)

add_source(STMT_CL, "商务部新闻发言人答记者问（2025-11-06）", "商务部新闻发言人就调整出口管制管控名单有关措施答记者问", "MOFCOM spokesperson on adjusting export control list measures", "2025-11-06", "http://exportcontrol.mofcom.gov.cn/article/gndt/202511/1186.html", "announcements/2025-11-06-spokesman-adjusts-export-control-list-measures.md", ("我们读到的是英文摘要，不是中文原文。", "What we read is an English summary, not the Chinese text."))
add_source(STMT_UEL, "商务部新闻发言人答记者问（2025-11-06）", "商务部新闻发言人就调整不可靠实体清单有关措施答记者问", "MOFCOM spokesperson on adjusting Unreliable Entity List measures", "2025-11-06", None, "announcements/2025-11-06-mofcom-spokesperson-on-adjusting-unreliable-entit.md", ("我们读到的是英文摘要，不是中文原文。", "What we read is an English summary, not the Chinese text."))

hdr = "# Generated by scripts/gen_parties.py from the announcement texts under ../shared/reference; review the diff.\n\n"
for lst, rows in parties.items():
    (OUT / "parties" / f"{lst.replace('_', '-')}.toml").write_text(hdr + "\n\n".join(rows) + "\n")
(OUT / "sources" / "parties.toml").write_text(hdr + "\n\n".join(sources) + "\n")
print({k: len(v) for k, v in parties.items()}, "sources", len(sources), file=sys.stderr)
