"""`python -m bilat.cli` runs the bilat command."""

from bilat.cli import main

main()
