"""Where a relationship's Target leads (io/package.py), worked by hand from the rule: a URI
relative to the folder of the part it belongs to, from the root when it starts with "/",
percent-encoded, "." and ".." resolved; a Target written from the root without its "/"
looked for there second; nothing above the package's root."""

from __future__ import annotations

import pytest

from tendereval.io.package import looked_for, relationships_of


@pytest.mark.parametrize(
    ("folder", "target", "looked"),
    [
        ("xl", "worksheets/sheet1.xml", ("xl/worksheets/sheet1.xml",)),
        ("xl", "/xl/worksheets/sheet1.xml", ("xl/worksheets/sheet1.xml",)),
        (
            "xl",
            "xl/worksheets/sheet1.xml",
            ("xl/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"),
        ),
        ("xl", "./worksheets/my%20sheet.xml", ("xl/worksheets/my sheet.xml",)),
        (
            "xl",
            "XL/Worksheets/Sheet1.xml",
            ("xl/XL/Worksheets/Sheet1.xml", "XL/Worksheets/Sheet1.xml"),
        ),
        ("book", "xl/worksheets/sheet1.xml", ("book/xl/worksheets/sheet1.xml",)),  # not its top
        ("xl", "../xl/styles.xml", ("xl/styles.xml",)),
        ("xl/worksheets", "../drawings/drawing1.xml", ("xl/drawings/drawing1.xml",)),
        (
            "xl/worksheets",
            "xl/drawings/drawing1.xml",
            ("xl/worksheets/xl/drawings/drawing1.xml", "xl/drawings/drawing1.xml"),
        ),
        ("", "xl/workbook.xml", ("xl/workbook.xml",)),
        ("", "/xl/book.xml", ("xl/book.xml",)),
        ("xl", "../../etc/passwd", ()),  # above the root: nothing looked for
        ("xl", "xl/../../etc/passwd", ("etc/passwd",)),  # inside the package, if it is there
        ("xl", "//server/share.xml", ()),
    ],
)
def test_a_target_is_looked_for_where_the_rule_puts_it(folder, target, looked) -> None:
    assert looked_for(folder, target) == looked


def test_a_parts_relationships_are_beside_it() -> None:
    assert relationships_of("xl/workbook.xml") == "xl/_rels/workbook.xml.rels"
    assert relationships_of("xl/worksheets/sheet1.xml") == "xl/worksheets/_rels/sheet1.xml.rels"
