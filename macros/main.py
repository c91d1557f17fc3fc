"""The site's macros, as mkdocs-macros loads them (`module_name: macros/main` in mkdocs.yml).

Every page the site generates is one call of a macro registered here (the Regulation page is
`{{ topic_page("regulation") }}`), and a page written by hand in docs/ calls the same ones, mixing
prose with `{{ fact("id") }}` and citations numbered like any other page (CONTRIBUTING.md,
"Writing a page by hand"). The macros themselves are in mkdocs_factsite/macros.py; they work on
the factsite plugin's current build, which the plugin makes at the start of every build, before
mkdocs-macros loads this file. A macro of your own goes here, under `define_env`, with
`@env.macro`.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from mkdocs_factsite.macros import macros


def define_env(env: Any) -> None:
    """Register the site's macros over the factsite plugin's build."""
    plugin = env.conf.plugins.get("factsite")
    if plugin is None:
        raise PluginError("mkdocs.yml: macros/main.py registers the factsite plugin's macros: list factsite in plugins")
    for name, macro in macros(plugin.build).items():
        env.macro(macro, name)
