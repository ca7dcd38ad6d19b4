"""debate: a terminal debate trainer. Importing this package imports nothing else."""

__version__ = "0.1.0"
