"""A damaged PDF costs only itself and says where: the file, the line of the reader's text, and the page.

The damaged rendering is made here, by headless chromium (Debian's package, as the page tests use)
from the committed HTML rendering with one recommendation number spoiled.
"""

import re
import shutil
import subprocess

import pytest

from okg.graph.build.families import FAMILIES
from okg.loaders.readers import read_document
from tests.conftest import REPO

RENDERINGS = REPO / "tests" / "fixtures" / "renderings"


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (installed by .ci/run)")
def test_a_spoiled_number_in_a_pdf_costs_its_row_named_with_its_page(tmp_path) -> None:
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
    spoiled_table = FAMILIES["jiu-follow-up"].read(read_document(pdf))
    # the row is not read and the others are; the note says where it stands, page included
    assert ("JIU/REP/2020/8", 9) not in {(r.report_symbol, r.number) for r in spoiled_table.recommendations}
    assert len(spoiled_table.recommendations) == len(committed.recommendations) - 1
    (note,) = [n for n in spoiled_table.notes if "'9a'" in n.message]
    assert re.fullmatch(r"the row at line \d+ not read: its number '9a' is no number", note.message)
    assert note.span.page == page_of_nine
