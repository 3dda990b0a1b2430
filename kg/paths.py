"""Where the project's data files live: ontology/ and queries/.

In a source checkout (`pip install -e .`) they are the top-level folders beside the package; an installed
wheel carries copies inside the package, in kg/data/ (setup.py copies them at build time), so `kg` works
from any directory. `KG_ONTOLOGY_DIR`, `KG_QUERIES_DIR` and `KG_MODEL_DIR` (the trained name models)
override them (e.g. another region's chains and places).
"""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent  # the source checkout (tests/data, seeds/), when there is one
PACKAGE_DATA = PACKAGE / "data"  # only in an installed wheel


def _bundled(name: str) -> Path:
    """The folder `name` as shipped: inside the package when installed from a wheel, else the checkout's."""
    inside = PACKAGE_DATA / name
    return inside if inside.is_dir() else ROOT / name


PROJECT_ONTOLOGY_DIR = _bundled("ontology")  # the project's own, whatever KG_ONTOLOGY_DIR says
ONTOLOGY_DIR = Path(os.environ.get("KG_ONTOLOGY_DIR", PROJECT_ONTOLOGY_DIR))
QUERIES_DIR = Path(os.environ.get("KG_QUERIES_DIR", _bundled("queries")))
MODEL_DIR = Path(os.environ.get("KG_MODEL_DIR", ONTOLOGY_DIR / "models"))  # the trained name models
