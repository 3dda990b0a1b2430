"""Tongliao KG: Chinese regional investment news -> an RDF knowledge graph with provenance."""

__version__ = "0.1.0"
