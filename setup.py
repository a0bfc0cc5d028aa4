"""Ships the top-level ``ontology/``, ``shapes/`` and ``queries/`` inside the wheel.

The design card keeps those folders at the top of the repository, beside the code, where
readers look for them; an installed partygraph reads them from inside its package
(``builder/resources.py``). setuptools' package data cannot reach outside the package
folder, so ``build_py`` copies them in at build time. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHARED_FOLDERS = ("ontology", "shapes", "queries")


class BuildWithSharedFolders(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:      # an editable install reads them from the checkout
            return
        root = Path(__file__).resolve().parent
        package = Path(self.build_lib) / "partygraph"
        for name in SHARED_FOLDERS:
            target = package / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(root / name, target)


setup(cmdclass={"build_py": BuildWithSharedFolders})
