"""A damaged PDF costs only itself and says where: the file, the line of the reader's text, and the page.

The damaged rendering is made here, by headless chromium (Debian's package, as the page tests use)
from the committed HTML rendering with one recommendation number spoiled.
"""

import shutil
import subprocess

import pytest

from okg.errors import SourceError
from okg.graph.build.families import FAMILIES
from okg.loaders.readers import read_document
from tests.conftest import REPO

RENDERINGS = REPO / "tests" / "fixtures" / "renderings"


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (installed by .ci/run)")
def test_a_spoiled_number_in_a_pdf_is_named_with_its_page(tmp_path) -> None:
    page = (RENDERINGS / "jiu-follow-up.html").read_text(encoding="utf-8")
    spoiled = tmp_path / "spoiled.html"
    spoiled.write_text(page.replace("<td>9</td>", "<td>9a</td>", 1), encoding="utf-8")
    pdf = tmp_path / "spoiled.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", spoiled.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    committed = FAMILIES["jiu-follow-up"].read(read_document(RENDERINGS / "jiu-follow-up.pdf"))
    page_of_nine = next(r.span.page for r in committed.recommendations if (r.report_symbol, r.number) == ("JIU/REP/2020/8", 9))
    with pytest.raises(SourceError, match=rf"^{pdf}:\d+ \(page {page_of_nine}\): recommendation number '9a' is not a number$"):
        FAMILIES["jiu-follow-up"].read(read_document(pdf))
