"""The query page `okg serve` answers a browser at /sparql: an editor, the named queries as examples, result tables.

One HTML document with everything inlined (CodeMirror 5 and its SPARQL mode,
vendored from the npm registry with their licence in vendor/codemirror/), so it
works with no network: the only requests it makes are its queries to the endpoint.
"""

import functools
import json
from importlib.resources import files

from okg.graph.namespaces import PREFIXES
from okg.graph.query.library import named_queries

_VENDOR = files("okg.graph.query") / "vendor" / "codemirror"
_SCRIPTS = ("codemirror.js", "sparql.js", "matchbrackets.js")


def _inline(text: str) -> str:
    # Inside <script> or <style>, "</" must never appear raw: it would end the element.
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.lru_cache(maxsize=1)
def render_query_page() -> str:
    """The page's HTML (the same for every request; made once)."""
    examples = [
        {
            "name": query.name,
            "question": query.question,
            "columns": query.columns,
            "text": query.text,
            "parameters": [{"name": p.name, "kind": p.kind, "default": p.default, "description": p.description} for p in query.parameters],
        }
        for query in named_queries()
    ]
    template = (files("okg.graph.query") / "query_page.html").read_text(encoding="utf-8")
    # The page's own placeholders first, so that nothing in the inlined library is ever taken for one.
    return (
        template.replace("$prefixes", ", ".join(f"{name}:" for name in PREFIXES))
        .replace("/*EXAMPLES*/", _json(examples))
        .replace("/*PREFIXES*/", _json(PREFIXES))
        .replace("/*CODEMIRROR_CSS*/", _inline((_VENDOR / "codemirror.css").read_text(encoding="utf-8")))
        .replace("/*CODEMIRROR_JS*/", "\n".join(_inline((_VENDOR / name).read_text(encoding="utf-8")) for name in _SCRIPTS))
    )
