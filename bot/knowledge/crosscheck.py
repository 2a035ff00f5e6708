"""Checks across files that a JSON schema cannot express: every `bron` is a known seed,
every contract value is covered, every reference points to something that exists.

Runs on the raw (schema-valid) YAML data; returns problems, raises nothing.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from string import Formatter
from typing import Any, NamedTuple

from bot.datafiles import field_path

ONBEKEND = "onbekend"  # data keyword: unknown phase / unknown procedure
_SEED_FILES = ("fasewiel", "huid_zenuwstelsel", "gezichtsmassage", "microneedling",
               "ingredienten", "contra_indicaties")


class Problem(NamedTuple):
    file: str  # file stem, e.g. "fasewiel"
    field: str  # field path, e.g. "fasen[2].ingredienten[0].doel"
    message: str


def crosscheck(raw: dict[str, Any]) -> list[Problem]:
    """All cross-file problems in `raw` (file stem -> parsed YAML), in a stable order."""
    c = raw["contract"]
    problems = list(_check_bronnen(raw))
    problems += _check_fasewiel(raw["fasewiel"], c, raw["ingredienten"])
    problems += _check_massage(raw["gezichtsmassage"], c)
    problems += _check_microneedling(raw["microneedling"], c)
    problems += _check_contra(raw["contra_indicaties"], c)
    problems += _check_synoniemen(raw["synoniemen"], c)
    problems += _check_teksten(raw["teksten"], c)
    problems += _check_taal(raw["taal"], raw["teksten"])
    if "vragen" in raw:
        problems += _check_vragen(raw)
    return problems


def _path(*parts: Any) -> str:
    return field_path(parts)


def _walk_bron(data: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "bron":
                for i, b in enumerate(v if isinstance(v, list) else [v]):
                    yield (path + (k, i) if isinstance(v, list) else path + (k,)), b
            else:
                yield from _walk_bron(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _walk_bron(v, path + (i,))


def _check_bronnen(raw: dict[str, Any]) -> Iterator[Problem]:
    known = set(raw["bronnen"]["bronnen"])
    for name in _SEED_FILES:
        for path, source in _walk_bron(raw[name], ()):
            if source not in known:
                yield Problem(name, _path(*path), f"unknown seed id {source!r} (not in bronnen.yml)")


def _unknown(name: str, path: str, values: Iterable[str], allowed: Iterable[str], what: str) -> Iterator[Problem]:
    allowed = set(allowed)
    for i, v in enumerate(values):
        if v not in allowed:
            yield Problem(name, _path(path, i) if path else str(v), f"{v!r} is not a {what}")


def _same_set(name: str, path: str, got: Iterable[str], want: Iterable[str], what: str) -> Iterator[Problem]:
    got, want = list(got), list(want)
    missing = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    if missing or extra:
        yield Problem(name, path, f"must list exactly the {what}; missing {missing}, unexpected {extra}")


def _check_fasewiel(f: dict, c: dict, ing: dict) -> Iterator[Problem]:
    yield from _same_set("fasewiel", "fasen", [x["id"] for x in f["fasen"]], c["fase"], "contract phases")
    yield from _same_set("fasewiel", "voorrang", f["voorrang"], c["fase"], "contract phases")
    keys = {e["sleutel"] for e in ing["ingredienten"]}
    seen: dict[str, str] = {}
    used: set[str] = set()
    for i, phase_id in enumerate(f["fasen"]):
        for j, s in enumerate(phase_id["signalen"]):
            where = _path("fasen", i, "signalen", j, "signaal")
            if s["signaal"] not in c["signaal"] + c.get("eigen_signaal", []):
                yield Problem("fasewiel", where, f"{s['signaal']!r} is not a contract signal")
            elif s["signaal"] in seen:
                yield Problem("fasewiel", where, f"{s['signaal']!r} already belongs to {seen[s['signaal']]}")
            seen[s["signaal"]] = phase_id["id"]
        for j, item in enumerate(phase_id["ingredienten"]):
            for k, sleutel in enumerate(item["sleutels"]):
                used.add(sleutel)
                if sleutel not in keys:
                    yield Problem("fasewiel", _path("fasen", i, "ingredienten", j, "sleutels", k),
                                  f"{sleutel!r} is not an ingredient in ingredienten.yml")
    for i, n in enumerate(f["neutrale_signalen"]):
        if n["signaal"] not in c["signaal"] or n["signaal"] in seen:
            yield Problem("fasewiel", _path("neutrale_signalen", i, "signaal"),
                          f"{n['signaal']!r} is not a contract signal or already belongs to a phase")
        seen[n["signaal"]] = "neutraal"
    missing = [s for s in c["signaal"] if s not in seen]
    if missing:
        yield Problem("fasewiel", "neutrale_signalen", f"contract signals in no phase and not neutral: {missing}")
    for name in f["signaalwoorden"]:
        if name not in seen:
            yield Problem("fasewiel", _path("signaalwoorden", name), f"{name!r} is not a signal of a phase or neutral")
    for part in ("professionals", "consumenten"):
        for i, r in enumerate(f[part]):
            yield from _unknown("fasewiel", _path(part, i, "fasen"), r.get("fasen", []), c["fase"], "contract phase")
    if not any(r.get("fasen") for r in f["professionals"]):
        yield Problem("fasewiel", "professionals", "one rule must name the phases for intensive techniques")
    aliases: dict[str, str] = {}
    for i, e in enumerate(ing["ingredienten"]):
        if e["sleutel"] not in used and not e.get("toepassingen"):
            yield Problem("ingredienten", _path("ingredienten", i), f"{e['sleutel']!r} is used nowhere")
        for j, t in enumerate(e.get("toepassingen", [])):
            yield from _unknown("ingredienten", _path("ingredienten", i, "toepassingen", j, "huidtypes"),
                                t["huidtypes"], c["huidtype"], "contract skin type")
        for j, a in enumerate(e["aliassen"]):
            if aliases.setdefault(a, e["sleutel"]) != e["sleutel"]:
                yield Problem("ingredienten", _path("ingredienten", i, "aliassen", j),
                              f"alias {a!r} also belongs to {aliases[a]!r}")


def _check_massage(m: dict, c: dict) -> Iterator[Problem]:
    for i, t in enumerate(m["technieken"]):
        if t["behandeling"] not in c["behandeling"]:
            yield Problem("gezichtsmassage", _path("technieken", i, "behandeling"),
                          f"{t['behandeling']!r} is not a contract behandeling")
    yield from _same_set("gezichtsmassage", "huidverzorging", [h["huidtype"] for h in m["huidverzorging"]],
                         c["huidtype"], "contract skin types")


def _check_microneedling(m: dict, c: dict) -> Iterator[Problem]:
    for i, g in enumerate(m["voor_wie"]["groepen"]):
        yield from _unknown("microneedling", _path("voor_wie", "groepen", i, "signalen"),
                            g["signalen"], c["signaal"], "contract signal")


def _check_contra(ci: dict, c: dict) -> Iterator[Problem]:
    name = "contra_indicaties"
    requests = c["behandeling"] + c["algemeen_verzoek"]
    groups = ci["verzoekgroepen"]
    members = [v for leden in groups.values() for v in leden]
    yield from _same_set(name, "verzoekgroepen", members, requests, "verzoeken (behandeling + algemeen_verzoek)")
    if len(members) != len(set(members)):
        yield Problem(name, "verzoekgroepen", "a verzoek may belong to one group only")
    ids = [x["id"] for x in ci["contra_indicaties"]]
    yield from _same_set(name, "contra_indicaties", ids, c["contra_indicatie"], "contract contraindication ids")
    ruled = set()
    for i, r in enumerate(ci["regels"]):
        ruled.add(r["contra_indicatie"])
        if r["contra_indicatie"] not in c["contra_indicatie"]:
            yield Problem(name, _path("regels", i, "contra_indicatie"),
                          f"{r['contra_indicatie']!r} is not a contract contraindication id")
        yield from _unknown(name, _path("regels", i, "verzoeken"), r["verzoeken"],
                            list(groups) + requests, "verzoek or verzoek group")
        soort = r["soort"]
        if soort in ("aandoening", "medicatie"):
            yield from _unknown(name, _path("regels", i, "waarden"), r["waarden"], c[soort], f"contract {soort}")
        if soort == "ingreep":
            yield from _unknown(name, _path("regels", i, "ingrepen"), r["ingrepen"],
                                c["ingreep"] + [ONBEKEND], "contract ingreep")
            grenzen = [v["tot_dagen"] for v in r["vensters"]]
            if grenzen != sorted(set(grenzen)):
                yield Problem(name, _path("regels", i, "vensters"), "tot_dagen must increase")
        if soort == "fase":
            yield from _unknown(name, _path("regels", i, "per_fase"), list(r["per_fase"]),
                                c["fase"] + [ONBEKEND], "contract phase")
        for path, template in _templates(r):
            yield from _placeholders(name, _path("regels", i, *path), template, {"ingreep"})
    for missing in [x for x in c["contra_indicatie"] if x not in ruled]:
        yield Problem(name, "regels", f"no rule for contraindication {missing!r}")
    covered = {w for r in ci["regels"] for w in r.get("waarden", [])}
    for soort in ("aandoening", "medicatie"):
        for missing in [v for v in c[soort] if v not in covered]:
            yield Problem(name, "regels", f"no rule for {soort} {missing!r}")


def _templates(rule: dict) -> Iterator[tuple[tuple, str]]:
    for field_name in ("reden", "alternatief"):
        if field_name in rule:
            yield (field_name,), rule[field_name]
    for j, v in enumerate(rule.get("vensters", [])):
        for field_name in ("reden", "alternatief"):
            yield ("vensters", j, field_name), v[field_name]
    for sub in ("dagen_onbekend",):
        for field_name in ("reden", "alternatief"):
            if sub in rule:
                yield (sub, field_name), rule[sub][field_name]
    for phase_id, u in rule.get("per_fase", {}).items():
        for field_name in ("reden", "alternatief"):
            yield ("per_fase", phase_id, field_name), u[field_name]


def _placeholders(name: str, path: str, template: str, allowed: set[str]) -> Iterator[Problem]:
    try:
        fields = {f for _, f, _, _ in Formatter().parse(template) if f is not None}
    except ValueError as exc:
        yield Problem(name, path, f"bad template: {exc}")
        return
    unknown = sorted(fields - allowed)
    if unknown:
        yield Problem(name, path, f"unknown placeholders {unknown}; allowed: {sorted(allowed)}")


def _check_synoniemen(s: dict, c: dict) -> Iterator[Problem]:
    yield from _same_set("synoniemen", "aandoening", list(s["aandoening"]), c["aandoening"],
                         "contract aandoening values")
    yield from _same_set("synoniemen", "medicatie", list(s["medicatie"]), c["medicatie"], "contract medicatie values")
    yield from _same_set("synoniemen", "behandeling", list(s["behandeling"]), c["ingreep"], "contract ingreep values")
    owner: dict[str, str] = {}
    for soort in ("aandoening", "medicatie", "behandeling"):
        for value, terms in s[soort].items():
            for j, term in enumerate(terms):
                if owner.setdefault(term, value) != value:
                    yield Problem("synoniemen", _path(soort, value, j), f"term {term!r} also maps to {owner[term]!r}")


_FASE_FIELDS = {
    "gekozen": {"signalen", "fase", "kort"}, "voorrang": {"andere", "fase"}, "meerderheid": {"andere", "fase"},
    "geen": set(), "neutraal_een": {"signalen"}, "neutraal_meer": {"signalen"}, "onbekend": {"signalen"},
}
_OORDEEL_FIELDS = {"verzoek", "Verzoek", "dagen", "dagen_woord"}


def _check_teksten(t: dict, c: dict) -> Iterator[Problem]:
    yield from _same_set("teksten", "verzoek_labels", list(t["verzoek_labels"]),
                         c["behandeling"] + c["algemeen_verzoek"], "verzoeken")
    yield from _same_set("teksten", "ingreep_labels", list(t["ingreep_labels"]), c["ingreep"] + [ONBEKEND],
                         "contract ingreep values and 'onbekend'")
    yield from _same_set("teksten", "aandoening_labels", list(t["aandoening_labels"]), c["aandoening"],
                         "contract conditions")
    yield from _same_set("teksten", "medicatie_labels", list(t["medicatie_labels"]), c["medicatie"],
                         "contract medication")
    signals = c["signaal"] + c.get("eigen_signaal", [])
    yield from _same_set("teksten", "signaal_labels", list(t["signaal_labels"]), signals, "contract and own signals")
    for field_name, allowed in _FASE_FIELDS.items():
        yield from _placeholders("teksten", _path("fase", field_name), t["fase"][field_name], allowed)
    for level, texts in t["oordeel"].items():
        for field_name, template in texts.items():
            yield from _placeholders("teksten", _path("oordeel", level, field_name), template, _OORDEEL_FIELDS)


def _check_taal(t: dict, teksten: dict) -> Iterator[Problem]:
    for request in t["verzoek"]:
        if request not in teksten["verzoek_labels"]:
            yield Problem("taal", _path("verzoek", request), "not a request of teksten.yml verzoek_labels")
    yield from _same_set("taal", "buiten_kennis", list(t["buiten_kennis"]), list(teksten["buiten_kennis_labels"]),
                         "teksten.yml buiten_kennis_labels")
    owner: dict[str, int] = {}
    for i, unit in enumerate(t["tijd"]["eenheden"]):
        for j, word in enumerate(unit["woorden"]):
            if owner.setdefault(word, i) != i:
                yield Problem("taal", _path("tijd", "eenheden", i, "woorden", j), f"unit word {word!r} used twice")


# --- vragen.yml: every answer points to real knowledge, every knowledge item has an answer ----
_COVERED_FILES = ("microneedling", "gezichtsmassage", "fasewiel", "huid_zenuwstelsel", "ingredienten")
_ITEM_KEYS = ("id", "sleutel", "huidtype", "signaal", "moment")
_WORD_LISTS = ("fasewiel.signaalwoorden",)  # language data for the parsers, not facts to answer


def _ident(item: Any) -> str | None:
    if isinstance(item, dict):
        return next((str(item[k]) for k in _ITEM_KEYS if k in item), None)
    return None


def knowledge_items(raw: dict[str, Any]) -> list[str]:
    """Every knowledge item a question must reach, as a path: file.key[.id][.sub.id].

    Only seed knowledge counts (what has `bron`): a top-level block is one item; every element
    (with an id) of a top-level list is one; so is every element of a list of identified items
    inside a block (voor_wie.groepen.littekens). Language data without `bron` is no item.
    """
    items = []
    for name in _COVERED_FILES:
        for key, value in raw[name].items():
            if f"{name}.{key}" in _WORD_LISTS:
                continue
            if isinstance(value, list):
                items += [f"{name}.{key}.{_ident(v)}" for v in value if _ident(v) and "bron" in v]
            elif isinstance(value, dict) and "bron" in value:
                items.append(f"{name}.{key}")
                for sub, inner in value.items():
                    if isinstance(inner, list) and inner and all("bron" in v and _ident(v) for v in inner
                                                                 if isinstance(v, dict)):
                        items += [f"{name}.{key}.{sub}.{_ident(v)}" for v in inner if _ident(v)]
    return items


def resolve(raw: dict[str, Any], path: str) -> Any:
    """The data at a knowledge path (see knowledge_items), or None if there is none."""
    name, *parts = path.split(".")
    node: Any = raw.get(name)
    for part in parts:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list):
            node = next((v for v in node if _ident(v) == part), None)
        else:
            return None
    return node


def ingredient_sources(raw: dict[str, Any]) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    """Every ingredient entry with the seeds that name it (phase ingredients and toepassingen)."""
    out = []
    for entry in raw["ingredienten"]["ingredienten"]:
        found = {i["bron"] for f in raw["fasewiel"]["fasen"] for i in f["ingredienten"]
                 if entry["sleutel"] in i["sleutels"]}
        found |= {t["bron"] for t in entry.get("toepassingen", [])}
        out.append((entry, tuple(sorted(found))))
    return out


def _check_vragen(raw: dict[str, Any]) -> Iterator[Problem]:
    v, c = raw["vragen"], raw["contract"]
    bronnen = set(raw["bronnen"]["bronnen"])
    ids = [q["id"] for q in v["vragen"]] + [f"ingredient.{e['sleutel']}" for e in raw["ingredienten"]["ingredienten"]]
    known = set(ids)
    seen: set[str] = set()
    for i, q in enumerate(v["vragen"]):
        where = ("vragen", i)
        if q["id"] in seen:
            yield Problem("vragen", _path(*where, "id"), f"id {q['id']!r} is used twice")
        seen.add(q["id"])
        for j, b in enumerate(q["bron"] if isinstance(q["bron"], list) else [q["bron"]]):
            if b not in bronnen:
                yield Problem("vragen", _path(*where, "bron", j), f"unknown seed id {b!r} (not in bronnen.yml)")
        if q.get("onderwerp") and q["onderwerp"] not in v["onderwerpen"]:
            yield Problem("vragen", _path(*where, "onderwerp"), f"{q['onderwerp']!r} is not in onderwerpen")
        if q.get("behandeling") and q["behandeling"] not in c["behandeling"] + c["algemeen_verzoek"]:
            yield Problem("vragen", _path(*where, "behandeling"), f"{q['behandeling']!r} is not a verzoek")
        for j, path in enumerate(q["kennis"]):
            if path.split(".")[0] not in _COVERED_FILES or resolve(raw, path) is None:
                yield Problem("vragen", _path(*where, "kennis", j), f"{path!r} is not a knowledge item")
        for j, k in enumerate(q["knoppen"]):
            if "id" in k and k["id"] not in known:
                yield Problem("vragen", _path(*where, "knoppen", j, "id"), f"no answer with id {k['id']!r}")
        for skin, target in q.get("huidtype_varianten", {}).items():
            if skin not in c["huidtype"] or target not in known:
                yield Problem("vragen", _path(*where, "huidtype_varianten", skin),
                              f"{skin!r} must be a contract skin type and {target!r} an answer id")
    for j, k in enumerate(v["ingredient_knoppen"]):
        if "id" in k and k["id"] not in known:
            yield Problem("vragen", _path("ingredient_knoppen", j, "id"), f"no answer with id {k['id']!r}")
    for part in ("standaard", "per_behandeling"):
        for key, target in v[part].items():
            if target is not None and target not in known:
                yield Problem("vragen", _path(part, key), f"no answer with id {target!r}")
    yield from _unknown("vragen", "per_behandeling", list(v["per_behandeling"]), c["behandeling"],
                        "contract behandeling")
    for part in ("onderwerp", "intentie"):
        yield from _unknown("vragen", _path("poort", part), list(v["poort"][part].values()),
                            c["behandeling"] + c["algemeen_verzoek"], "verzoek")
    covered = [p for q in v["vragen"] for p in q["kennis"]]
    covered += [f"ingredienten.ingredienten.{e['sleutel']}" for e in raw["ingredienten"]["ingredienten"]]
    missing = [item for item in knowledge_items(raw)
               if not any(p == item or p.startswith(item + ".") for p in covered)]
    if missing:
        yield Problem("vragen", "vragen", f"knowledge items no question reaches: {missing}")
