"""The content security policy forbids inline script and style: no template may use them."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# E-mail bodies (templates/notices/) are read by mail clients, not served under the policy; they
# keep their style in a <style> element, as mail clients need.
TEMPLATES = sorted(
    path
    for path in (ROOT / "templates").rglob("*.html")
    if path.parent != ROOT / "templates" / "notices"
)

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+=", re.IGNORECASE)
HTMX_EVAL = re.compile(r"\shx-on[:-]|\shx-vars=", re.IGNORECASE)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_template_has_no_inline_script_or_style(template):
    text = template.read_text()

    assert not INLINE_SCRIPT.search(text)
    assert not INLINE_STYLE.search(text)
    assert not EVENT_HANDLER.search(text)
    assert not HTMX_EVAL.search(text)
