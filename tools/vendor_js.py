"""Re-fetch the JavaScript that the offline network page inlines (``make vendor``).

The page of ``partygraph viz`` must work with no network, so the graph libraries live in
``builder/data/vendor/`` and are copied into every page. This script is the only way they
get there: it installs the pinned versions below with npm into a temporary folder, copies
the upstream minified builds (sigma, graphology) and bundles the two CommonJS packages that
ship none (the ForceAtlas2 layout and its graphology-utils dependency) with esbuild into one
IIFE that sets ``window.graphologyLayoutForceAtlas2``. It writes ``VERSIONS.toml`` (name,
version, file, sha256, licence) beside them; ``tests/test_viz_html.py`` checks the files
against it, so a hand edit of a vendored file fails the tests.

Usage: ``python tools/vendor_js.py`` (needs ``npm`` on PATH and the npm registry).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "builder" / "data" / "vendor"

# sigma 3 rather than 4: the 3.x line is maintained and its API (reducers, clickNode,
# getNodeDisplayData) is the documented one; 4.0 is a fresh major with a new styles API.
PINS = {
    "sigma": "3.0.3",
    "graphology": "0.26.0",
    "graphology-layout-forceatlas2": "0.10.1",
    "graphology-utils": "2.5.2",
    "esbuild": "0.28.2",
}
# (vendored file, where npm puts the upstream file or None for our esbuild bundle, packages)
FILES = (
    ("sigma.min.js", "sigma/dist/sigma.min.js", ("sigma",)),
    ("graphology.umd.min.js", "graphology/dist/graphology.umd.min.js", ("graphology",)),
    ("graphology-layout-forceatlas2.min.js", None,
     ("graphology-layout-forceatlas2", "graphology-utils")),
)
ENTRY = "window.graphologyLayoutForceAtlas2 = require('graphology-layout-forceatlas2');\n"


def _npm_install(work: Path) -> Path:
    """Install the pinned packages into ``work`` and return its node_modules."""
    (work / "package.json").write_text(json.dumps(
        {"name": "partygraph-vendor", "private": True, "dependencies": PINS}, indent=2))
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--save-exact"],
                   cwd=work, check=True)
    return work / "node_modules"


def _bundle(work: Path, modules: Path, out: Path) -> None:
    """Bundle the ForceAtlas2 package (CommonJS) into one minified browser script."""
    entry = work / "entry.js"
    entry.write_text(ENTRY)
    subprocess.run([str(modules / ".bin" / "esbuild"), str(entry), "--bundle", "--minify",
                    "--format=iife", "--legal-comments=none", f"--outfile={out}"],
                   cwd=work, check=True)


def _versions_toml(entries: list[tuple[str, str, list[str]]]) -> str:
    """The record of what was vendored, one table per file."""
    lines = ["# Written by tools/vendor_js.py (make vendor); do not edit by hand.", ""]
    for name, digest, packages in entries:
        lines += ["[[file]]", f'name = "{name}"', f'sha256 = "{digest}"']
        lines.append("packages = [" + ", ".join(
            f'"{p}@{PINS[p]}"' for p in packages) + "]")
        lines += ['license = "MIT"', ""]
    lines += ["[tools]", f'esbuild = "{PINS["esbuild"]}"', ""]
    return "\n".join(lines)


def main() -> int:
    if shutil.which("npm") is None:
        print("vendor_js: npm is not on PATH: install Node.js and npm, then run again",
              file=sys.stderr)
        return 2
    VENDOR.mkdir(parents=True, exist_ok=True)
    entries = []
    with tempfile.TemporaryDirectory(prefix="partygraph-vendor-") as tmp:
        work = Path(tmp)
        modules = _npm_install(work)
        for name, upstream, packages in FILES:
            target = VENDOR / name
            if upstream is None:
                _bundle(work, modules, target)
            else:
                shutil.copyfile(modules / upstream, target)
            for package in packages:
                shutil.copyfile(modules / package / "LICENSE.txt",
                                VENDOR / f"LICENSE-{package}.txt")
            entries.append((name, hashlib.sha256(target.read_bytes()).hexdigest(),
                            list(packages)))
    (VENDOR / "VERSIONS.toml").write_text(_versions_toml(entries))
    print(f"vendored {len(entries)} files into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
