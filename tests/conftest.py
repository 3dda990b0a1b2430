"""Shared fixtures: paths to the data, and the seed graph built once per test session."""

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
DEV = TESTS / "data" / "dev"
GOLD = TESTS / "data" / "gold"


def build_once(tmp_path_factory, folder: Path, views: bool = False):
    """`kg build FOLDER` into a fresh temporary folder: (BuildReport, out_dir). Session fixtures call it once."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp(folder.name + "-build")
    return build([folder], out, views=views), out


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """`kg build seeds/` (with views) into a temporary folder, once: (BuildReport, out_dir)."""
    return build_once(tmp_path_factory, SEEDS, views=True)


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    """The rdflib Graph of the seed build, parsed back from the written Turtle."""
    from kg.graph import load

    _, out = seed_build
    return load(out / "kg.ttl")


@pytest.fixture(scope="session")
def dev_build(tmp_path_factory):
    """`kg build tests/data/dev/` into a temporary folder, once: (BuildReport, out_dir)."""
    return build_once(tmp_path_factory, DEV)


@pytest.fixture(scope="session")
def relate_state():
    """A function: made-up article text -> (DocState, Components), read by the rules-only nlp pipeline.

    The relate components' own tests call the component under test (and the ones it reads from) on it."""
    from kg import lexicon
    from kg.model import Document, DocumentMeta
    from kg.nlp import make_nlp
    from kg.relate import Components, read

    lex = lexicon.load()
    nlp = make_nlp(lex, model_dir=None)
    components = Components(lex)

    def state(text: str, date: str | None = "2024"):
        meta = DocumentMeta(doc_id="t", path="t.txt", date=date)
        document = Document(meta, text, text, list(range(len(text) + 1)))
        return read(document, nlp(text), components), components

    return state


@pytest.fixture(scope="session")
def lex():
    """The lexicon of ontology/ (modules that need another define their own)."""
    from kg import lexicon

    return lexicon.load()


@pytest.fixture(scope="session")
def rules(lex):
    """The rules-only nlp pipeline (no learned layer)."""
    from kg import nlp

    return nlp.make_nlp(lex, model_dir=None)
