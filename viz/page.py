"""Writing the view as one self-contained HTML page: vis-network (from pyvis) and okg's script, inlined."""

import json
from importlib.resources import files
from pathlib import Path
from typing import IO

from okg.viz.overview import STATUS_COLOUR
from okg.viz.overview import STYLE as OVERVIEW_STYLE
from okg.viz.view import STATUS_BORDER, STYLE, View

_VIS = files("pyvis") / "templates" / "lib" / "vis-9.1.2"


def _json(value: object) -> str:
    # Inside <script>, "<" must never appear raw: document text could hold "</script>".
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_page(view: View, output: Path) -> None:
    """Write ``view`` to the file ``output``: no network needed to open it, all text escaped."""
    with output.open("wb") as out:
        write_html(view, out)


def write_html(view: View, out: IO[bytes]) -> None:
    """Write ``view`` as one HTML page to ``out`` (the sink ``page.html``)."""
    vis_js = (_VIS / "vis-network.min.js").read_text(encoding="utf-8")
    vis_css = (_VIS / "vis-network.css").read_text(encoding="utf-8")
    template = (files("okg.viz") / "page.html").read_text(encoding="utf-8")
    # The overview draws its own summary classes, and in a unit view the classes of what names the unit.
    styles, statuses = ({**STYLE, **OVERVIEW_STYLE}, STATUS_COLOUR) if view.mode == "overview" else (STYLE, STATUS_BORDER)
    legend = {"categories": {name: {"colour": colour, "shape": shape} for name, (colour, shape) in styles.items()}, "status": statuses}
    data = {"nodes": view.nodes, "edges": view.edges, "physics": view.physics, "legend": legend, "mode": view.mode, **view.extra}
    page = (
        template.replace("/*VIS_CSS*/", vis_css)
        .replace("/*VIS_JS*/", vis_js.replace("</script", "<\\/script"))
        .replace("/*OKG_DATA*/", _json(data))
        .replace("<!--TITLE-->", view.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    )
    out.write(page.encode("utf-8"))
