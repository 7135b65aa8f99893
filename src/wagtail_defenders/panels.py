"""Edit-form panels the page models use."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import ObjectList


class NamedTab(ObjectList):
    """A tab of a ``TabbedInterface`` whose identifier is ``tab_name``, whatever
    the admin language.

    Wagtail names a tab after its heading, in the language active when the edit
    form is first built in a process, so ``#tab-safety`` in one editor's link
    would be ``#tab-veiligheid`` for the next. A fixed name lets a link open
    the tab (``/admin/pages/ID/edit/#tab-safety``).
    """

    def __init__(self, *args: Any, tab_name: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tab_name = tab_name

    def clone_kwargs(self) -> dict[str, Any]:
        kwargs = super().clone_kwargs()
        kwargs["tab_name"] = self.tab_name
        return kwargs

    @property
    def clean_name(self) -> str:
        return self.tab_name or super().clean_name
