"""Errors a user can cause, each saying what went wrong and where."""

from __future__ import annotations


class BoardFormatError(ValueError):
    """A board file that cannot be read: names the file, the line and shows the line."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        text: str | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.text = text
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.source or "<board>"
        if self.line is not None:
            where = f"{where}, line {self.line}"
        line = self.text.strip() if self.text else ""
        if len(line) > 200:
            line = line[:200] + " …"
        shown = f"\n    {line}" if line else ""
        return f"{where}: {self.message}{shown}"


class BoardUnreadableError(OSError):
    """A board file that cannot be opened or decoded at all (exit code 2 in the CLI)."""
