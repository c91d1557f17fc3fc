"""From a fact on a page to its entry in data/: where a link beside each fact leads.

On the hosted site, where mkdocs.yml gives the repository's address (`repo_url`, with Material's
`edit_uri` for the docs folder in it), the link shows the entry's file in the repository at its
line; under `mkdocs serve`, it opens the file on the editor's own disk. The offline edition has
none: it is read away from the repository.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from mkdocs.exceptions import PluginError

from factbase.yamlfile import Origin

# An entry's link: its address and what the link says when pointed at; None where the site gives none.
EntryLink = Callable[[Origin], tuple[str, str] | None]

# Schemes whose address a browser runs or shows as a page of its own, not a place to go to; read
# as browsers read them (urlsplit drops the spaces, controls and tabs they ignore, and lowers case).
SCRIPT_SCHEMES = frozenset({"javascript", "data", "vbscript"})


def repository_files(repo_url: str | None, edit_uri: str | None, docs_folder: str) -> str | None:
    """The address under which the repository shows its files, from Material's `repo_url` and
    `edit_uri` (which ends with the docs folder: `edit/main/docs/`); None without them, or where
    `edit_uri` does not end with the docs folder, so the repository's root cannot be told; an
    error where they make no web address (a `javascript:` one would run where the link is followed)."""
    if not repo_url or not edit_uri:
        return None
    try:
        docs = urljoin(repo_url.rstrip("/") + "/", edit_uri)
    except ValueError:  # a malformed host ("http://[…"): refused below, as no web address
        docs = edit_uri
    folder = docs_folder.strip("/") + "/"
    if not docs.endswith("/" + folder):
        return None
    root = docs[: -len(folder)]
    if not _is_web_address(root):
        raise PluginError(
            f"mkdocs.yml: repo_url and edit_uri make {root[:80]!r} the repository's address, which is not a web "
            "address (https://…): a fact's link to its entry needs one"
        )
    # GitHub and GitLab edit a file under …/edit/… and show it, with its lines numbered, under …/blob/….
    return root.replace("/edit/", "/blob/", 1)


def _is_web_address(url: str) -> bool:
    try:
        address = urlsplit(url)
    except ValueError:  # a malformed host
        return False
    return address.scheme in ("http", "https") and bool(address.netloc)


def hosted_entry_link(files: str, data_parent: str) -> EntryLink:
    """Links to an entry in the repository at its line (`#L12`, as GitHub and GitLab number them);
    data_parent is the folder holding data/, relative to the repository's root ("" for the root)."""
    within = data_parent.strip("/") + "/" if data_parent.strip("/.") else ""

    def link(origin: Origin) -> tuple[str, str]:
        line = f"#L{origin.line}" if origin.line is not None else ""
        return files + quote(within + origin.file) + line, "This fact’s entry in the repository"

    return link


def local_entry_link(project: Path, template: str) -> EntryLink:
    """Links to an entry on this disk, as the plugin's `entry_url` option writes them, from the
    file's absolute path and the entry's line (`file://{path}`, `vscode://file{path}:{line}`);
    pointed at, the link names the file and line, for an editor whose browser will not open it."""
    try:
        example = template.format(path="/", line=1)
    except (KeyError, IndexError, ValueError):
        raise PluginError(
            f"mkdocs.yml: the factsite plugin's entry_url {template!r} may name only {{path}} and {{line}}"
        ) from None
    if urlsplit(example).scheme in SCRIPT_SCHEMES:
        raise PluginError(
            f"mkdocs.yml: the factsite plugin's entry_url {template!r} would run in the page, not open the file: "
            "give an address that opens it (file://{path}, vscode://file{path}:{line})"
        )

    def link(origin: Origin) -> tuple[str, str]:
        path = (project / origin.file).resolve()
        return template.format(path=quote(path.as_posix()), line=origin.line or 1), str(origin)

    return link
