"""The plugin's options, as mkdocs.yml gives them under `plugins: factsite:`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class LicenceConfig(base.Config):  # type: ignore[no-untyped-call]
    """The licence of the site's own text, which every page's “Cite this page” states."""

    name = c.Type(str)
    url = c.URL()


class FactsiteConfig(base.Config):  # type: ignore[no-untyped-call]
    """Where the data is, what the site's text is licensed under, and which edition a build makes."""

    # The folder of YAML the pages are made from, relative to mkdocs.yml.
    data_dir = c.Dir(exists=True, default="data")
    licence = c.SubConfig(LicenceConfig)
    # hosted: the site as served; offline: the edition read from disk (mkdocs-offline.yml).
    edition = c.Choice(("hosted", "offline"), default="hosted")
    # The offline edition's zip, made first (scripts/build_offline.py), for a hosted build to offer.
    offline_zip = c.Optional(c.File(exists=True))
    # Under mkdocs serve, where the link beside each fact leads: {path} is the data file's absolute
    # path, {line} the entry's line; e.g. vscode://file{path}:{line} opens it in VS Code.
    entry_url = c.Type(str, default="file://{path}")
    # From this many generated pages on, they are rendered ahead in a second process.
    prerender_from = c.Type(int, default=200)
