"""Re-check a source against a new capture of it: python -m factbase.recheck SOURCE_ID NEW_TEXT [--data DIR].

Publishers edit stories after publishing them, often without saying so. Given a newly captured
text of a source, this numbers its paragraphs exactly as the stored text's are numbered (the
same layout, from data/sources.yaml), aligns the stored body with the new one, and says for every
quote that cites the source whether it would still verify against the new text:

- still there: word for word in the paragraph the data names;
- moved: word for word, but in another paragraph, so the citation must name that one instead;
- changed: not word for word anywhere, but more than half of its words still stand, in order,
  in a run of words of a new or changed paragraph: that passage is shown, with a word-level diff;
- gone: no passage keeps that many of its words.

The quotes are the citations' quotes, and a quotation's own words, which must stand in quote
marks where its first citation points. A citation of the original that the loader also found in
a syndicated copy (`also_in`) is checked in that copy as well: there, moving needs no edit (the
loader finds the words again), but changed or gone means the site would stop pointing readers to
those words in that copy, so it counts as a failure too.

Exit status: 0 when every quote would verify as written, 1 when any would not (or the capture
would not load in place of the stored text), 2 when the re-check cannot be made: an unknown
source, an unreadable capture, a capture whose body cannot be found. Pure Python: nothing here
knows about MkDocs.
"""

from factbase.recheck.align import align
from factbase.recheck.cli import main
from factbase.recheck.compare import cited_words, read_capture, recheck
from factbase.recheck.diff import word_diff
from factbase.recheck.model import Aligned, CitedWords, Passage, QuoteCheck, Recheck, RecheckError
from factbase.recheck.report import render

__all__ = [
    "Aligned",
    "CitedWords",
    "Passage",
    "QuoteCheck",
    "Recheck",
    "RecheckError",
    "align",
    "cited_words",
    "main",
    "read_capture",
    "recheck",
    "render",
    "word_diff",
]
