"""Allow `python -m finder …` as well as the `finder` console script."""

from finder.cli import main

main()
