"""Document symbols of the UN system in their usual forms."""

import pytest

from okg.loaders.text import UN_SYMBOL, cited_symbols


@pytest.mark.parametrize(
    "symbol",
    [
        "GB.346/PFA/9",
        "GB.280/PFA/10/2",
        "GB.347/PFA/INF/7",
        "IDB.45/8",
        "WO/PBC/31/5",
        "JIU/REP/2019/6",
        "JIU/NOTE/2020/1",
        "A/76/550",
    ],
)
def test_a_symbol_is_found_whole_in_running_text(symbol: str) -> None:
    assert [m.group(0) for m in UN_SYMBOL.finditer(f"as reported in document {symbol}, the Board")] == [symbol]


def test_words_and_dates_are_no_symbols() -> None:
    assert UN_SYMBOL.findall("In 2020/21 the ILO and UNDP met on 16/09/2020.") == []


def test_cited_symbols_are_every_body_s_in_order_of_first_mention() -> None:
    text = "See A/76/550 and IDB.45/8; WO/PBC/31/5 follows JIU/NOTE/2020/1, as GB.280/PFA/10/2 and A/76/550 said."
    assert cited_symbols(text) == ("A/76/550", "IDB.45/8", "WO/PBC/31/5", "JIU/NOTE/2020/1", "GB.280/PFA/10/2")


@pytest.mark.parametrize(("symbol", "jiu"), [("JIU/REP/2019/6", True), ("JIU/REP/97/2", True), ("JIU/NOTE/2020/1", True), ("JIU/REP/2019", False)])
def test_jiu_report_symbols_of_every_decade(symbol: str, jiu: bool) -> None:
    from okg.loaders.text import JIU_SYMBOL

    assert bool(JIU_SYMBOL.fullmatch(symbol)) is jiu
