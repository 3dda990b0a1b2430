"""Where the project's data files live: ontology/ and queries/ beside the package.

`KG_ONTOLOGY_DIR`, `KG_QUERIES_DIR` and `KG_MODEL_DIR` (the trained name models) override them (e.g. another region's chains and places).
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = Path(os.environ.get("KG_ONTOLOGY_DIR", ROOT / "ontology"))
QUERIES_DIR = Path(os.environ.get("KG_QUERIES_DIR", ROOT / "queries"))
MODEL_DIR = Path(os.environ.get("KG_MODEL_DIR", ONTOLOGY_DIR / "models"))  # the trained name models
