"""The MkDocs plugin that builds the site from data/: `factsite` under `plugins:` in mkdocs.yml.

All knowledge of MkDocs, Python-Markdown and the Material theme lives here; factbase (the data)
and factsite (the pages) know none of it. The plugin (plugin.py, its options in config.py) hands
each build to a Build (build.py), which registers the macros (macros.py) with mkdocs-macros,
adds the generated pages, each a call of its macro, and their navigation (nav.py), and gives
the theme what its overrides ask for (theme.py).
"""
