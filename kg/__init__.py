"""Tongliao KG: Chinese regional investment news -> an RDF knowledge graph with provenance.

    import kg
    g = kg.build(["seeds/"])
    g.query("largest-projects").df

`build`, `load`, `KnowledgeGraph` and `Rows` come from kg/api.py, imported on first use so that the
command line starts without them.
"""

__version__ = "0.1.0"
__all__ = ["build", "load", "KnowledgeGraph", "Rows"]


def __getattr__(name):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
