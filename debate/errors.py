"""The project's one error type: a one-line message the CLI prints before exiting non-zero."""

from __future__ import annotations


class DebateError(Exception):
    """An error meant for the user: ``message`` is one line, printed as is."""

    exit_code: int = 1
    """The process exit code the CLI uses for this error."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        """One line telling the user what is wrong (and, where possible, where)."""

    def __str__(self) -> str:
        return self.message


class UsageError(DebateError):
    """The command line itself is wrong (exit code 2)."""

    exit_code = 2


class MotionError(DebateError):
    """A motion file could not be loaded; ``problems`` holds every problem found, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "invalid motion file")
        self.problems = problems
        """Every problem, formatted ``path:line:col: message``."""

    def __str__(self) -> str:
        return "\n".join(self.problems)
