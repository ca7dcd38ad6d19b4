"""``python -m debate``."""

from debate.cli import entry

if __name__ == "__main__":
    entry()
