"""How values show in a notebook: as the HTML page `render` writes for them."""

from __future__ import annotations


class ShowsAsHTML:
    """Shown as an HTML table in Jupyter; `render` gives text and Markdown too."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        # The one upward import of the model, documented in pyproject.toml's contracts:
        # rendering loads the pages and their catalogs, only when a notebook shows a value.
        from skilltaxonomy.pages.render import render  # noqa: PLC0415

        return render(self, "html")  # type: ignore[arg-type]
