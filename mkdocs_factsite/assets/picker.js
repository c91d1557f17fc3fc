// The citation picker on a source's page under `mkdocs serve` (mkdocs_factsite/serve.py puts it
// there; a built site never has it). Selecting words in one paragraph of the stored text offers
// the citation to paste into a fact, its quote cut as the loader checks it (factbase/words.py,
// factbase/loader/citations.py): the paragraph's own characters, whole words at both ends, within
// the word counts the picker is given. A selection that cannot be a quote says why.
(function () {
  "use strict";

  // As factbase/words.py: a word is letters and digits, with ’ ' - or ‑ between two of them.
  var WORD = /[\p{L}\p{N}]+(?:['’‑-][\p{L}\p{N}]+)*/gu;
  var JOINERS = "’'-‐";
  // Spaces and punctuation an editor's selection may catch at either end, which a quote leaves out.
  var EDGE = "\\s,;:.!?“”\"‘’'()—–-";
  var LEADING = new RegExp("^[" + EDGE + "]+", "u");
  var TRAILING = new RegExp("[" + EDGE + "]+$", "u");

  function isWord(char) {
    return /[\p{L}\p{N}_]/u.test(char);
  }

  // The whole character that begins (step 1) or ends (step -1) at a UTF-16 index: a letter beyond
  // the Basic Multilingual Plane is two units, and neither alone is a letter.
  function charAt(text, at, step) {
    if (at < 0 || at >= text.length) return "";
    if (step > 0) return String.fromCodePoint(text.codePointAt(at));
    var unit = text.charCodeAt(at);
    return at > 0 && unit >= 0xdc00 && unit <= 0xdfff ? text.slice(at - 1, at + 1) : text[at];
  }

  // True if the character at text[at] continues the word that ends (step 1) or begins (step -1) beside it.
  function joined(text, at, step) {
    var char = charAt(text, at, step);
    if (!char) return false;
    if (isWord(char)) return true;
    return JOINERS.indexOf(char) !== -1 && isWord(charAt(text, at + step * char.length, step));
  }

  // The character offset of a selection boundary within a paragraph's words.
  function offsetIn(words, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(words);
    if (!words.contains(node)) {
      // A boundary on the paragraph's number: before the words.
      return words.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING ? words.textContent.length : 0;
    }
    range.setEnd(node, offset);
    return range.toString().length;
  }

  // The paragraph is a number or "credit line", as the data writes it. A JSON string is a YAML
  // double-quoted scalar: every character of the quote survives.
  function yamlFor(source, paragraph, quote) {
    return "- source: " + source + "\n  paragraph: " + paragraph + "\n  quote: " + JSON.stringify(quote);
  }

  function judge(picker, selection) {
    var within = function (node) {
      var element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
      return element ? element.closest(".factsite-picker-paragraph") : null;
    };
    var first = within(selection.anchorNode);
    var last = within(selection.focusNode);
    if (!first && !last) return null;
    if (!first || !last || first !== last || !picker.contains(first)) {
      return { problem: "The selection crosses paragraphs: a quote stands inside one paragraph." };
    }
    var words = first.querySelector(".factsite-picker-words");
    var text = words.textContent;
    var range = selection.getRangeAt(0);
    var start = offsetIn(words, range.startContainer, range.startOffset);
    var end = offsetIn(words, range.endContainer, range.endOffset);
    var picked = text.slice(start, end);
    var trimmed = picked.replace(LEADING, "");
    var quote = trimmed.replace(TRAILING, "");
    start += picked.length - trimmed.length;
    end = start + quote.length;
    if (!quote) return { problem: "The selection holds no words." };
    var firstChar = charAt(quote, 0, 1), lastChar = charAt(quote, quote.length - 1, -1);
    if ((isWord(firstChar) && joined(text, start - 1, -1)) || (isWord(lastChar) && joined(text, end, 1))) {
      return { problem: "The selection cuts a word: a quote begins and ends with whole words. Select them whole." };
    }
    var count = (quote.match(WORD) || []).length;
    var least = Number(picker.dataset.minWords);
    var most = Number(picker.dataset.maxWords);
    if (count < least) {
      return { problem: "The selection has " + count + " word" + (count === 1 ? "" : "s") + ": a quote needs at least " + least + "." };
    }
    if (count > most) {
      return { problem: "The selection has " + count + " words: a quote may have at most " + most + "." };
    }
    return { yaml: yamlFor(picker.dataset.source, first.dataset.paragraph, quote), count: count };
  }

  function show(picker) {
    var selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var verdict = judge(picker, selection);
    if (!verdict) return;
    var message = picker.querySelector(".factsite-picker-message");
    var yaml = picker.querySelector(".factsite-picker-yaml");
    if (verdict.problem) {
      message.textContent = verdict.problem;
      yaml.style.display = "none";
      yaml.firstChild.textContent = "";
    } else {
      message.textContent = "A quote of " + verdict.count + " words. Paste this under the fact’s citations:";
      yaml.firstChild.textContent = verdict.yaml;
      yaml.style.display = "";
    }
  }

  document.querySelectorAll(".factsite-picker").forEach(function (picker) {
    document.addEventListener("selectionchange", function () {
      show(picker);
    });
  });
})();
