"""Plotly's JavaScript as the installed `plotly` package ships it (its package_data), found
without importing plotly itself. The dashboard serves it; nothing comes from a CDN."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def plotly_js_path() -> Path:
    spec = find_spec("plotly")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        raise FileNotFoundError("the plotly package is not installed (pip install plotly)")
    path = Path(next(iter(locations))) / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: not found in the installed plotly package")
    return path
