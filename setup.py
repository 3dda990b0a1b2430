"""Build step only: copy the data the tool reads at run time into the wheel (kg/data/).

The checkout keeps ontology/ and queries/ at the top level (kg/paths.py finds them there under
`pip install -e .`); a wheel must carry them inside the package, so `pip install .` and `pipx install`
give a `kg` that works from any directory. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# what `kg` reads at run time: the ontology, chains, gazetteer, shapes, patterns, name models, queries
PACKAGE_DATA = {
    "ontology": ["*.ttl", "patterns/*.json", "models/*.crfsuite", "models/*.json"],
    "queries": ["*.rq"],
}


class build_py_with_data(build_py):
    """build_py, then the data folders copied to build_lib/kg/data/ (not in editable mode: the
    checkout's own folders are read there)."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for folder, globs in PACKAGE_DATA.items():
            for pattern in globs:
                for src in sorted((HERE / folder).glob(pattern)):
                    dest = Path(self.build_lib) / "kg" / "data" / src.relative_to(HERE)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src, dest)


setup(cmdclass={"build_py": build_py_with_data})
