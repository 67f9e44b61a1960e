"""The ontology's documentation pages (ontology/docs/) are generated from the ontology and the
shapes, one per language, and are never stale."""

from __future__ import annotations

from dutygraph.publish.ontodocs import DOCS_DIR, PAGE_NAMES, render_pages, stale_pages


def test_pages_are_up_to_date():
    stale = stale_pages()
    assert stale == [], ("ontology/docs is stale: run `python -m dutygraph.publish.ontodocs` "
                         f"(or `make docs`) and commit the pages: {stale}")


def test_one_page_per_language_in_that_language():
    pages = render_pages()
    assert set(pages) == set(PAGE_NAMES.values())
    chinese, english = pages[PAGE_NAMES["zh"]], pages[PAGE_NAMES["en"]]
    assert '<html lang="zh">' in chinese and "<h3>重点工作 <code>dg:Task</code></h3>" in chinese
    assert '<html lang="en">' in english and "<h3>key task <code>dg:Task</code></h3>" in english
    assert "重点工作必须至少有一个承担角色的责任单位" in chinese
    assert "a task needs at least one responsible unit with a role" in english


def test_every_class_and_shape_has_a_section():
    page = (DOCS_DIR / PAGE_NAMES["en"]).read_text("utf-8")
    for anchor in ("Task", "Unit", "Assignment", "Target", "shape-TaskShape",
                   "shape-TaskLeadShape", "shape-TargetShape", "shape-TargetQuantityShape"):
        assert f'id="{anchor}"' in page, anchor


def test_a_shape_says_what_it_applies_to_and_its_paths():
    page = (DOCS_DIR / PAGE_NAMES["en"]).read_text("utf-8")
    quantity = page.split('id="shape-TargetQuantityShape"')[1].split("</section>")[0]
    assert ("whatever has <code>dg:comparator</code>, <code>dg:unitWord</code>, "
            "<code>dg:value</code>") in quantity
    assert "<code>dg:unitWord | qudt:unit</code>: a quantitative target needs a unit" in quantity
    target = page.split('id="shape-TargetShape"')[1].split("</section>")[0]
    assert '<a href="#Target">' in target and "<code>^dg:hasTarget</code>" in target
