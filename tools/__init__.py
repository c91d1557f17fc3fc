"""The project's generators, run by `make generate` (and checked fresh by the tests): not part of
the site's runtime packages, and not installed with them."""
