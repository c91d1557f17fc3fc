"""Names vulture reports as unused that are used where it cannot see: read by a framework, a
template or a test. `make lint` runs vulture over the code with this file; an entry needs its
reason, and anything else vulture finds is dead code to delete."""

# ruff: noqa: B018, F821 - vulture whitelists are bare names

# Called by the frameworks, by name.
FactsitePlugin  # the MkDocs plugin, found through its entry point in pyproject.toml
on_startup  # MkDocs plugin events (mkdocs_factsite/plugin.py)
on_config
on_files
on_page_markdown
on_env
on_page_context
on_post_build
on_build_error
on_serve
define_env  # mkdocs-macros' entry point in macros/main.py
dirty  # arguments MkDocs passes each event by name, used or not
builder
ignore_aliases  # PyYAML Dumper method (benchmarks/corpus.py)
log_message  # http.server handler method (benchmarks/lighthouse.py)

# Attributes MkDocs reads from the objects it owns.
_.update_date  # Page.update_date: the sitemap's lastmod (mkdocs_factsite/build.py)
_.content_string  # File.content_string: a generated download's content

# Fields the Jinja templates in factsite/templates/ read.
_.furniture_after  # Source: versions.md
_.changes  # ParagraphDifference: versions.md
_.same_paragraphs  # Comparison: versions.md
_.credit_line_changes  # Comparison: versions.md
_.bodies_identical  # Comparison: versions.md
_.quoted_percent  # QuotedShare: source_page.md
_.hedge  # Figure: figures.md
_.offline  # Edition: downloads.md
_.offline_zip  # Edition: downloads.md
_.href  # WordsAt: references.html

# Attributes the zipfile module reads from the entries it is given (scripts/build_offline.py).
_.compress_type
_.external_attr
_.create_system

# Fields msgspec writes into facts.json (factsite/download_model.py), filled in by keyword.
_.complete  # Quotation

# Fields the theme's templates in overrides/ read.
_.csl_json  # PageCitation: partials/cite-this-page.html

# Read by the tests that hold the code to the spec and the report.
free_text  # Kind.free_text: tests/test_injection.py injects into every free-text field
KINDS  # the table of kinds: tests/test_injection.py and tests/test_kinds.py walk it
_.uncited_paragraphs  # FactIndex: tests/test_reference_pages.py holds every paragraph cited

# Run by name in a fresh process.
timed_build  # benchmarks/scale.py: own_share runs it with python -c

# Jinja reads an environment's bytecode_cache, and calls a BytecodeCache's two methods
# (mkdocs_factsite/serve.py's CompiledTemplates, which serve's rebuilds share).
_.bytecode_cache
_.load_bytecode
_.dump_bytecode
# watchdog reads its observer's polling interval as each watch is made (the plugin's on_serve).
_._timeout
