/* "Cite this page": a Copy button under each citation, and a status line that says it worked.
 *
 * The buttons are hidden in the HTML and shown here, so that without JavaScript there is no
 * button that does nothing. The clipboard API needs a secure context (https, localhost, or a
 * file opened from disk); elsewhere the text is selected so that the reader can copy it.
 */
(function () {
  "use strict";

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.closest("details").querySelector(".cite-copy-status");
    if (!source || !status) return;
    var what = button.textContent.replace(/^Copy /, "");
    function say(message) { status.textContent = message; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.textContent).then(
        function () { say("Copied " + what + "."); },
        function () { select(source); say("Could not copy: " + what + " is selected, ready to copy."); }
      );
    } else {
      select(source);
      say(what.charAt(0).toUpperCase() + what.slice(1) + " is selected, ready to copy.");
    }
  }

  document.querySelectorAll("button.cite-copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
