"""Generate a synthetic standard of N requirements, for the benchmarks.

The output is a complete project in the layout of the real one: `requirements_registry.yaml`
at the top and `standard/*.md` (MyST) below it, with an index whose toctree lists a
definitions section, M requirement sections and a traceability annex holding the four
generated tables. It is valid under the registry schema and clean under `stkit check`
(no error, no warning; the notes on catalogue facts not yet verified remain, as in the real
standard). The same seed gives the same bytes.

    python benchmarks/generate.py OUT_DIR --requirements 2000 [--files 20] [--seed 1]

Identifiers: the ten groups of docs/authoring.md, numbered 001, 002 ... in each group; a
group passes 999 only at N > 9,990, where the schema's fourth digit (IPDX-DAT-1000) is used.

Paragraphs: the main body is kept to 9,999 numbered paragraphs (the scanner and the build
read up to five digits, but the published figures were measured with this limit). Up to N = 3,300 or so every
requirement is introduced by PARAS_PER_REQ paragraphs; above that the paragraphs are spread
evenly and some requirements follow the previous requirement directly.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

GROUPS = ("DAT", "FMT", "QUA", "DLV", "DOC", "LEG", "COO", "CAP", "GOV", "CNF")
GROUP_NAMES = {
    "DAT": "Data sets and completeness", "FMT": "Formats and WIPO standards",
    "QUA": "Data quality", "DLV": "Delivery and notice", "DOC": "Documentation",
    "LEG": "Legal and policy", "COO": "Coordination", "CAP": "Capacity building",
    "GOV": "Governance", "CNF": "Conformance",
}
CATEGORIES = ("technical", "legal-policy", "coordination", "capacity-building", "governance")
APPLIES = ("provider", "recipient", "both")
PARAS_PER_REQ = 3
MAX_BODY_PARAS = 9999  # kept as measured in RESULTS.md; numbers of up to five digits are read

# The catalogues' ids, as of this writing. The generator does not read the catalogues, so
# that a generated standard is the same bytes whatever the catalogues hold; the tests check
# that the result is clean against the real catalogues.
PRINCIPLES = ("ip5/availability", "ip5/user-support", "ip5/fewer-obstacles",
              "ip5/exchange-by-agreement", "ip5/data-scope",
              "ip5/internal-use", "ip5/public-dissemination", "ip5/redistribution",
              "ip5/marginal-cost", "ip5/source-attribution")
DEVIATED = ("ip5/as-is",)  # always recorded as a deviation, never implemented
CHALLENGES = ("share/lack-of-it-resources", "share/nonstandard-formats", "share/not-digitized",
              "share/poor-data-quality", "share/ongoing-data-correction",
              "share/partial-digitization", "share/ownership-redistribution",
              "share/hosting-jurisdiction", "share/revenue-restriction",
              "share/lack-of-personnel", "collect/nonstandard-formats",
              "collect/poor-data-quality", "collect/partner-it-resources",
              "collect/system-reliability", "collect/legal-redistribution-correction",
              "collect/hosting-restriction", "collect/data-protection",
              "collect/incomplete-datasets", "collect/irregular-delivery",
              "collect/sudden-discontinuation", "collect/commercialization-differences",
              "strategic/governance-access-policies", "strategic/data-completeness",
              "strategic/data-dictionary")
OUT_OF_SCOPE = ("share/no-sharing", "collect/no-collection")  # always out of scope

# References a requirement may carry: (standard, part, rule, version); all in force.
REFERENCES = (
    ("ST.96", "Annex III", None, None), ("ST.96", "Annex I", None, None),
    ("ST.96", "Annex II", None, None), ("ST.96", None, None, "9.0"),
    ("ST.96", "Annex I", "GD-12", None), ("ST.90", None, None, None),
    ("ST.90", "RESTful Web API", None, None), ("ST.90", None, "RSG-01", None),
    ("ST.36", None, None, None), ("ST.66", None, None, None), ("ST.86", None, None, None),
    ("ST.3", None, None, None), ("ST.13", None, None, None), ("ST.27", None, None, None),
    ("ST.87", None, None, None), ("ST.97", None, None, None),
)
# Citations in the text ({st} roles), each resolving in the catalogue.
CITATIONS = ("ST.96 Annex III", "ST.90", "ST.96 v9.0", "ST.90 [RSG-01]", "ST.36", "ST.26",
             "ST.96 Annex II", "ST.97", "ST.3", "ST.16")

TERMS = {
    "data provider": "An office, or a body acting for it, that makes a data set available.",
    "data recipient": "An office or other party that receives a data set from a data provider.",
    "data set": "A collection of IP data made available as a unit, in a stated format.",
    "data set description": "A published record of the content, coverage and format of a data set.",
    "bulk data": "The whole of a data set delivered as files in one transfer.",
    "incremental update": "The records added, changed or deleted since the previous delivery.",
    "delivery schedule": "The published dates on which a data provider delivers a data set.",
    "conformance level": "One of the three levels at which an office claims conformance.",
}

# Words for statements and prose. None of them is a normative keyword, and none is a
# variant spelling of a defined term.
VERBS = ("publish", "record", "validate", "document", "deliver", "announce", "retain",
         "identify", "describe", "correct", "archive", "report", "encode", "sign")
OBJECTS = ("the checksum of each file", "the schema version in use", "the coverage period",
           "each correction to a record", "the number of records in each file",
           "the character encoding of each file", "the time zone of every date",
           "the licence under which the data are offered", "the contact point for questions",
           "each change to the file layout", "the code list of each coded element",
           "the application number in its standard form", "the publication date of each record",
           "the reason for each withheld record")
# Syllables of the made-up names that make each statement its own: without them,
# statements drawn from the lists above repeat one another, and the checker's
# near-duplicate rule (QLT009) would rightly report them.
SYLLABLES = ("ba", "ke", "di", "mo", "lu", "sa", "te", "ri", "no", "vu", "ga", "pe", "zi", "fo",
             "hu", "ja", "we", "xi", "co", "ny")
QUALIFIERS = ("every delivery", "each bulk data transfer", "each incremental update",
              "every data set it offers", "each file of a delivery", "each published record")
PROSE = ("Offices reported that {topic} varies widely between partners, which makes {thing} hard "
         "to plan.",
         "A {recipient} relies on {thing} to load {data} without manual work.",
         "The survey analysis shows that {topic} is a frequent cause of delay.",
         "This clause builds on current practice, where most offices already handle {thing}.",
         "Where a {provider} changes {thing}, the {recipient} can adapt its systems in time.")
TOPICS = ("the form of application numbers", "the frequency of delivery", "the layout of files",
          "the handling of corrections", "the documentation of formats", "the choice of format")
THINGS = ("the delivery schedule", "the data set description", "the conformance level",
          "the bulk data", "each incremental update", "the coverage of a data set")


@dataclass
class Req:
    id: str
    group: str
    number: int
    title: str
    statement: str
    obligation: str
    category: str
    level: int | None  # None for a permission ('may'), which carries no level
    applies_to: str
    references: list[tuple]
    ip5: list[str]
    challenges: list[str]
    active: bool = True
    replaced_by: str | None = None
    rationale: str = ""


@dataclass
class Generated:
    """What was written, for the benchmark's and the tests' assertions."""

    root: Path
    requirements: list[Req]
    files: list[str]  # paths relative to root, in toctree order (index first)
    body_paragraphs: int = 0
    labels: list[str] = field(default_factory=list)
    deviations: list[str] = field(default_factory=list)
    out_of_scope: list[str] = field(default_factory=list)

    @property
    def active(self) -> list[Req]:
        return [r for r in self.requirements if r.active]

    def placement_file(self, req_id: str) -> str:
        for path in self.files:
            if f"{{requirement}} {req_id}\n" in (self.root / path).read_text(encoding="utf-8"):
                return path
        raise KeyError(req_id)


def make_requirements(n: int, rng: random.Random) -> list[Req]:
    per_group = [n // len(GROUPS) + (1 if g < n % len(GROUPS) else 0) for g in range(len(GROUPS))]
    reqs: list[Req] = []
    for g, group in enumerate(GROUPS):
        for number in range(1, per_group[g] + 1):
            i = len(reqs)
            obligation = rng.choices(("shall", "should", "may"), weights=(50, 35, 15))[0]
            applies_to = rng.choice(APPLIES)
            actor = "data recipient" if applies_to == "recipient" else "data provider"
            verb, obj, qual = rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(QUALIFIERS)
            names = " ".join(_name(i * 2 + k) for k in range(2))
            statement = f"A {actor} {obligation} {verb} {obj} for {qual} (clause {group.lower()} {number}, {names})."
            refs = [REFERENCES[j] for j in sorted(rng.sample(range(len(REFERENCES)), rng.randint(0, 2)))]
            ip5 = [PRINCIPLES[i % len(PRINCIPLES)]]
            if rng.random() < 0.3:
                extra = rng.choice(PRINCIPLES)
                if extra not in ip5:
                    ip5.append(extra)
            challenges = [CHALLENGES[i % len(CHALLENGES)]]
            if rng.random() < 0.3:
                extra = rng.choice(CHALLENGES)
                if extra not in challenges:
                    challenges.append(extra)
            reqs.append(Req(
                id=f"IPDX-{group}-{number:03d}", group=group, number=number,
                title=f"{verb.capitalize()} {obj} ({group} {number})", statement=statement,
                obligation=obligation, category=rng.choice(CATEGORIES),
                level=_level(rng.randint(1, 3), obligation),
                applies_to=applies_to, references=refs, ip5=ip5, challenges=challenges,
                rationale=f"Offices reported problems with {obj} in the survey; item {i + 1}.",
            ))
    # About one in a hundred is withdrawn and replaced by the next requirement of its group.
    for i, req in enumerate(reqs):
        nxt = reqs[i + 1] if i + 1 < len(reqs) else None
        if i % 100 == 50 and nxt is not None and nxt.group == req.group:
            req.active = False
            req.replaced_by = nxt.id
    return reqs


def _name(n: int) -> str:
    """A made-up word of four syllables, different for each n below 160,000."""
    return "".join(SYLLABLES[(n // 20 ** k) % 20] for k in range(4))


def _level(drawn: int, obligation: str) -> int | None:
    return None if obligation == "may" else drawn  # a permission carries no level (QLT007)


def conformance_gaps(reqs: list[Req]) -> list[tuple[int, str]]:
    """(level, role) pairs bound only by recommendations: with levels drawn at random, a
    small standard can have one, and the registry then records it (QLT010)."""
    binding: dict[tuple[int, str], list[str]] = {}
    for r in reqs:
        if r.active and r.level is not None:
            for role in ("provider", "recipient") if r.applies_to == "both" else (r.applies_to,):
                binding.setdefault((r.level, role), []).append(r.obligation)
    return sorted(key for key, obligations in binding.items() if "shall" not in obligations)


def registry_yaml(reqs: list[Req], deviations: list[str], out_of_scope: list[str]) -> str:
    q = json.dumps
    out = ["# A synthetic registry written by benchmarks/generate.py.", "registry_format: 1",
           "metadata:", '  number: "ST.XX"', '  title: "Synthetic standard for benchmarks"',
           '  version: "0.1"', "  status: working-draft", '  date: "2026-11-25"', "  task: 67",
           '  prepared_by: "Benchmark generator"', "  languages: [en]", "requirements:"]
    for r in reqs:
        out += [f"  - id: {r.id}", f"    title: {q(r.title)}", f"    statement: {q(r.statement)}",
                f"    obligation: {r.obligation}", f"    category: {r.category}",
                *([f"    level: {r.level}"] if r.level is not None else []), f"    applies_to: {r.applies_to}"]
        if r.references:
            out.append("    references:")
            for standard, part, rule, version in r.references:
                fields = [f"standard: {q(standard)}"]
                fields += [f"part: {q(part)}"] if part else []
                fields += [f"rule: {q(rule)}"] if rule else []
                fields += [f"version: {q(version)}"] if version else []
                out.append("      - {" + ", ".join(fields) + "}")
        else:
            out.append("    references: []")
        out += [f"    ip5: [{', '.join(r.ip5)}]", f"    challenges: [{', '.join(r.challenges)}]",
                f"    status: {'active' if r.active else 'withdrawn'}", f"    rationale: {q(r.rationale)}",
                '    since: "0.1"']
        if not r.active:
            out += ['    withdrawn_in: "0.1"', f"    withdrawn_reason: {q('Merged into ' + r.replaced_by + '.')}",
                    f"    replaced_by: {r.replaced_by}"]
    if deviations:
        out.append("ip5_deviations:")
        for pid in deviations:
            out += [f"  - principle: {pid}", '    reason: "Outside the scope of the synthetic standard."']
    if out_of_scope:
        out.append("out_of_scope:")
        for cid in out_of_scope:
            out += [f"  - challenge: {cid}", '    reason: "Outside the scope of the synthetic standard."']
    gaps = conformance_gaps(reqs)
    if gaps:
        out.append("conformance_gaps:")
        for level, role in gaps:
            out += [f"  - level: {level}", f"    role: {role}",
                    '    reason: "The levels of the synthetic standard are drawn at random."']
    return "\n".join(out) + "\n"


def _prose(rng: random.Random) -> str:
    return rng.choice(PROSE).format(topic=rng.choice(TOPICS), thing=rng.choice(THINGS),
                                    recipient="{term}`data recipient`",
                                    provider="{term}`data provider`", data="a {term}`data set`")


def generate(root: Path, n: int, files: int | None = None, seed: int = 1) -> Generated:
    """Write the synthetic standard under `root` (created; existing files are overwritten)."""
    if n < 1:
        raise ValueError("at least one requirement")
    rng = random.Random(seed)
    reqs = make_requirements(n, rng)
    active = [r for r in reqs if r.active]
    used_p = {p for r in active for p in r.ip5}
    used_c = {c for r in active for c in r.challenges}
    deviations = [p for p in PRINCIPLES if p not in used_p] + list(DEVIATED)
    out_of_scope = [c for c in CHALLENGES if c not in used_c] + list(OUT_OF_SCOPE)

    m = files or max(1, math.ceil(len(active) / 100))
    m = min(m, len(active))
    std = root / "standard"
    std.mkdir(parents=True, exist_ok=True)
    (root / "requirements_registry.yaml").write_text(registry_yaml(reqs, deviations, out_of_scope),
                                                     encoding="utf-8")
    # Paragraph budget: 1 in the definitions, 1 opening each section, the rest before requirements.
    budget = min(PARAS_PER_REQ * len(active), MAX_BODY_PARAS - 1 - m)
    gen = Generated(root=root, requirements=reqs, files=["standard/index.md"],
                    deviations=deviations, out_of_scope=out_of_scope)
    number = 1
    body = ["# Definitions", "", "(para-definitions)=",
            f"{number}. The following terms have the meanings given: "
            + ", ".join(f"{{term}}`{t}`" for t in TERMS) + ".", "", "```{glossary}"]
    number += 1
    gen.labels.append("para-definitions")
    for term, definition in TERMS.items():
        body += [term, f"  {definition}", ""]
    body[-1] = "```"
    docs = [("00-definitions", "\n".join(body) + "\n")]

    chunks = [active[k * len(active) // m:(k + 1) * len(active) // m] for k in range(m)]
    done = 0
    for k, chunk in enumerate(chunks, start=1):
        groups = sorted({r.group for r in chunk}, key=GROUPS.index)
        label = f"para-section-{k}"
        name = GROUP_NAMES[groups[0]] + (f" to {GROUP_NAMES[groups[-1]].lower()}" if len(groups) > 1 else "")
        lines = [f"# Section {k}: {name}", "",
                 f"({label})=",
                 f"{number}. This section sets out requirements on "
                 f"{GROUP_NAMES[groups[0]].lower()}, as the {{term}}`delivery schedule` and "
                 f"the {{term}}`data set description` of each {{term}}`data set` are read by "
                 f"every {{term}}`data recipient` (see {{st}}`{rng.choice(CITATIONS)}`).", ""]
        number += 1
        for req in chunk:
            paras = (done + 1) * budget // len(active) - done * budget // len(active)
            done += 1
            for p in range(paras):
                other = rng.choice(active).id
                ref_label = rng.choice(gen.labels) if gen.labels else label
                text = (f"{number}. {_prose(rng)} Requirement {{req}}`{other}` and paragraph "
                        f"{{para}}`{ref_label}` apply alike, with {{st}}`{rng.choice(CITATIONS)}`.")
                if p == 0 and rng.random() < 0.1:
                    new_label = f"para-{req.id.lower()}"
                    lines.append(f"({new_label})=")
                    gen.labels.append(new_label)
                lines += [text, ""]
                number += 1
            lines += [f"```{{requirement}} {req.id}", "```", ""]
        gen.labels.append(label)
        docs.append((f"section-{k:03d}", "\n".join(lines)))
    gen.body_paragraphs = number - 1

    annex = ["---", "annex: I", "---", "", "# Annex I: Traceability", "",
             "1. The tables below are generated from the registry when the standard is built.", "",
             "## Correspondence with the IP5 policy", "",
             "2. Each IP5 principle and the requirements that implement it.", "",
             "```{ip5-mapping}", "```", "", "## Coverage of the survey challenges", "",
             "3. Each survey challenge and the requirements that answer it.", "",
             "```{survey-coverage}", "```", "", "## WIPO standards cited", "",
             "4. Each WIPO standard cited by a requirement.", "", "```{references-table}", "```", "",
             "## List of requirements", "", "5. Every requirement, by section.", "",
             "```{requirements-table}", "```", ""]
    docs.append(("annex-i-traceability", "\n".join(annex)))
    index = ["```{title-block}", "```", "", "```{toctree}", ":maxdepth: 2", ""]
    index += [name for name, _ in docs] + ["```", ""]
    (std / "index.md").write_text("\n".join(index), encoding="utf-8")
    for name, text in docs:
        (std / f"{name}.md").write_text(text, encoding="utf-8")
        gen.files.append(f"standard/{name}.md")
    return gen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the project into (created)")
    parser.add_argument("-n", "--requirements", type=int, default=1000)
    parser.add_argument("--files", type=int, default=None, help="requirement sections (default N/100)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"generate: {args.out} is not empty; give a new folder", file=sys.stderr)
        return 2
    gen = generate(args.out, args.requirements, args.files, args.seed)
    print(f"{len(gen.requirements)} requirements ({len(gen.active)} active), "
          f"{len(gen.files)} files, {gen.body_paragraphs} body paragraphs -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
