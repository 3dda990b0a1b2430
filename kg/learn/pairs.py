"""Features of a (project, company) pair in one document: what the attachment model reads.

Whether a company builds a project is written in many ways the developer rules do not all reach: the
builder named a clause before its project, a signing list "A与B签约X项目" after the names, the only company
of a short article. The pair's features describe how the two are written relative to each other: the
nearest pair of their mentions (inside the name, before or after it, the same clause, sentence or
paragraph, the characters and cue words between them), how many other projects and companies compete for
either one (ranks by distance), and what the rules already said (the rule that linked them, the links
either has). They are strings, as crfsuite takes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import COMPANY, DEVELOPER, PROJECT
from ..relate.state import DocState, Mention, fact_order

BETWEEN_SHOWN = 6  # characters between two mentions kept whole as one feature
BETWEEN_READ = 24  # characters between two mentions whose bigrams are read
CUES = ("由", "投资", "建设", "建", "签约", "签订", "签署", "与", "和", "及", "、", "的", "承建", "实施", "引进",
        "落户", "打造", "总投资", "项目", "公司", "，", "；", "：", "牵头", "负责", "合作", "联合", "携手", "旗下",
        "子公司", "占地", "年产", "位于", "在", "将", "拟", "计划", "开工", "投产", "为", "是")
MAX_PARAGRAPHS_APART = 1  # pairs further apart are not candidates unless a rule linked them


@dataclass
class Pair:
    project: str  # entity keys
    company: str
    sentence: int  # index of the sentence of the nearest mentions: the evidence of an added link
    features: list[str]
    rule: bool  # the rules link them


def bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def pairs(s: DocState) -> list[Pair]:
    """Every candidate (project, company) pair of the document with its features."""
    projects = {k: _mentions(s, k) for k, e in s.entities.items() if e.kind == PROJECT}
    companies = {k: _mentions(s, k) for k, e in s.entities.items() if e.kind == COMPANY}
    projects = {k: v for k, v in projects.items() if v}
    companies = {k: v for k, v in companies.items() if v}
    if not projects or not companies:
        return []
    linked: dict[tuple[str, str], str] = {}  # (project, company) -> the first rule's note, in a stable order
    for f in sorted((f for f in s.facts if f.prop == DEVELOPER), key=fact_order):
        linked.setdefault((f.subject, f.value), f.note or "")
    by_project: dict[str, int] = {}
    by_company: dict[str, int] = {}
    for p, c in linked:
        by_project[p] = by_project.get(p, 0) + 1
        by_company[c] = by_company.get(c, 0) + 1
    sentence = {id(m): s.sentence_of(m.start).index for ms in (*projects.values(), *companies.values()) for m in ms}
    nearest = {(p, c): _nearest(sentence, pm, cm) for p, pm in projects.items() for c, cm in companies.items()}
    rank_c = _ranks(nearest, 0)  # the company's rank among the project's companies, nearest first
    rank_p = _ranks(nearest, 1)
    listed: dict[int, tuple] = {}  # sentence index -> its companies and projects, read once
    legal = tuple(s.lex.patterns["companies"]["legal_suffixes"])  # a company named with its legal form
    doc_counts = [f"nproj={bucket(len(projects), (1, 3, 9))}", f"ncomp={bucket(len(companies), (1, 2, 5))}"]
    out = []
    for (p, c), (dist, pm, cm) in sorted(nearest.items()):
        rule = (p, c) in linked
        ps, cs = s.sentence_of(pm.start), s.sentence_of(cm.start)
        if not rule and abs(ps.paragraph - cs.paragraph) > MAX_PARAGRAPHS_APART:
            continue
        f = ["bias", f"rule={int(rule)}", *doc_counts,
             f"rc={bucket(rank_c[p, c], (1, 2, 3))}", f"rp={bucket(rank_p[p, c], (1, 2, 3))}",
             f"pl={bucket(by_project.get(p, 0) - rule, (0, 1))}", f"cl={bucket(by_company.get(c, 0) - rule, (0, 1, 3))}",
             f"cm={bucket(len(companies[c]), (1, 2, 4))}"]
        if rule:
            f.append("note=" + _note(linked[p, c]))
        mention = _mention_features(s, pm, cm, ps, cs, listed)
        f += mention
        f.append(f"rule={int(rule)}|rc={bucket(rank_c[p, c], (1, 2))}|{mention[0]}")
        company = s.entities[c].name
        f.append("legal=" + str(int(company.endswith(legal))))
        f.append("clen=" + bucket(len(company), (2, 4, 8)))
        out.append(Pair(p, c, ps.index, f, rule))
    return out


def _mentions(s: DocState, key: str) -> list[Mention]:
    return sorted(s.mentions_of(key), key=lambda m: (m.start, m.end))


def _nearest(sentence: dict, pm: list[Mention], cm: list[Mention]) -> tuple[int, Mention, Mention]:
    """The closest pair of mentions (characters apart; 0 when one is inside the other), the same sentence
    preferred; `sentence`: each mention's sentence index, by id."""
    best = None
    for a in pm:
        sa = sentence[id(a)]
        for b in cm:
            gap = max(0, b.start - a.end, a.start - b.end)
            key = (sa != sentence[id(b)], gap, a.start, b.start)
            if best is None or key < best[0]:
                best = (key, a, b)
    return best[0][1], best[1], best[2]


def _ranks(nearest: dict, side: int) -> dict:
    """For each pair, the rank of its distance among the pairs sharing its project (side 0) or company."""
    groups: dict[str, list] = {}
    for pair, (dist, pm, cm) in nearest.items():
        groups.setdefault(pair[side], []).append((dist, pair))
    ranks = {}
    for members in groups.values():
        members.sort()
        for i, (_, pair) in enumerate(members):
            ranks[pair] = i + 1
    return ranks


def _note(note: str) -> str:
    return note.split(":")[-1].strip()[:20]


def _mention_features(s: DocState, pm: Mention, cm: Mention, ps, cs, listed: dict) -> list[str]:
    text = s.text
    if pm.start <= cm.start and cm.end <= pm.end:
        where = "inside"
    elif cm.end <= pm.start:
        where = "before"
    elif pm.end <= cm.start:
        where = "after"
    else:
        where = "overlap"
    f = ["where=" + where]  # first: the caller joins it with the rule's vote
    if where == "inside":
        f.append("at_start=" + str(int(cm.start - pm.start <= 6)))
    if ps.index == cs.index:
        lo, hi = (cm.end, pm.start) if where == "before" else (pm.end, cm.start)
        between = text[lo:hi] if where in ("before", "after") else ""
        clause = not any(ch in "，,；;。" for ch in between)
        f += [f"same=sent", f"clause={int(clause)}", f"{where}|clause={int(clause)}",
              "gap=" + bucket(len(between), (0, 2, 5, 10, 20, 40))]
        if len(between) <= BETWEEN_SHOWN:
            f.append(f"{where}|btw=" + between)
        near = between[:BETWEEN_READ] if where == "after" else between[-BETWEEN_READ:]
        f += [f"{where}|cue=" + cue for cue in CUES if cue in near]
        others = [m for m in ps.mentions if lo <= m.start and m.end <= hi and m.key and m.key not in (pm.key, cm.key)]
        f.append(f"{where}|oproj=" + bucket(sum(m.kind == PROJECT for m in others), (0, 1)))
        f.append(f"{where}|ocomp=" + bucket(sum(m.kind == COMPANY for m in others), (0, 1)))
        f.append(f"{where}|head2=" + between[:2])
        f.append(f"{where}|tail2=" + between[-2:])
    else:
        apart = abs(ps.index - cs.index)
        f += ["same=para" if ps.paragraph == cs.paragraph else "same=none",
              "sents=" + bucket(apart, (1, 2, 4)), f"{where}|sents=" + bucket(apart, (1, 2))]
    f += _positions(s, pm, cm, ps, cs, listed)
    f.append("cl2=" + text[max(0, cm.start - 2):cm.start])
    f.append("cr2=" + text[cm.end:cm.end + 2])
    f.append("pl2=" + text[max(0, pm.start - 2):pm.start])
    return f


def _positions(s: DocState, pm: Mention, cm: Mention, ps, cs, listed: dict) -> list[str]:
    """Where each stands in its clause and sentence: a company opening its clause is its subject ("X计划投资…
    建设Y"), one after 与/和 a party to a signing; the i-th company and the i-th project of one sentence pair
    off when the sentence lists as many of each ("与A、B分别就C、D项目签约")."""
    text = s.text
    f = ["csubj=" + str(int(s.clause_start(cs, cm.start) == cm.start)),
         "cwith=" + str(int(text[max(0, cm.start - 1):cm.start] in ("与", "和", "同", "跟"))),
         "psubj=" + str(int(s.clause_start(ps, pm.start) == pm.start))]
    if ps.index == cs.index:
        if ps.index not in listed:
            listed[ps.index] = _listed(ps)
        comps, projs = listed[ps.index]
        if cm in comps and pm in projs and len(comps) == len(projs) > 1:
            same = comps.index(cm) == projs.index(pm)
            f.append(f"parallel={int(same)}")
            if "分别" in text[ps.start:ps.end]:
                f.append(f"respectively={int(same)}")
        f.append("sent_comps=" + bucket(len(comps), (1, 2, 4)))
        f.append("sent_projs=" + bucket(len(projs), (1, 2, 4)))
    return f


def _listed(sent) -> tuple[list[Mention], list[Mention]]:
    """The sentence's companies (not inside a project's name or reference) and named projects, in order."""
    projects = [m for m in sent.mentions if m.kind == PROJECT]
    comps = [m for m in sent.mentions if m.kind == COMPANY and m.key
             and not any(p.start <= m.start and m.end <= p.end for p in projects)]
    return comps, [m for m in projects if m.key]
