"""kubenotes: the pure core behind the site's mkdocs hooks and the `kubenotes` command.

Nothing in this package imports mkdocs: the hook files in ``hooks/`` translate mkdocs
events into calls of these functions, and the CLI and the tests call them directly.
"""

__version__ = "0.1.0"
