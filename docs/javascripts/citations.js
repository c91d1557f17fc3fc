/* Citation previews: a citation marker ([3]) shows its note where the reader is.
 *
 * With a mouse or keyboard, hovering or focusing a marker opens a tooltip holding the note; the
 * pointer can move onto it, and Esc or leaving closes it (WCAG 1.4.13). On a touch screen, a tap
 * opens the note in a sheet at the bottom of the screen instead of jumping to the list: the
 * reading position stays put (the page moves only if the sheet would cover the marker), Close
 * (or Esc) returns to the marker, and "All references" goes to the full list; moving focus out of
 * the sheet closes it. Without JavaScript a marker is a plain link to its note. Nothing is fetched.
 */
(function () {
  "use strict";

  var touch = window.matchMedia("(hover: none), (pointer: coarse)");
  var current = null; // { marker, panel, kind }
  var hideTimer = null;
  var arrivedAt = 0; // when the page last followed a link within itself

  // On a touch screen a marker opens a sheet: say so, and say whether it is open.
  function markExpandable() {
    document.querySelectorAll("a.citation-ref").forEach(function (marker) {
      if (touch.matches) marker.setAttribute("aria-expanded", "false");
      else marker.removeAttribute("aria-expanded");
    });
  }
  markExpandable();
  if (touch.addEventListener) touch.addEventListener("change", markExpandable);

  // A marker the page has just arrived at, by a back-link: the reader is coming back from its
  // note, and does not want it shown again because the marker now lies under the pointer or has
  // the focus.
  function justArrivedAt(marker) {
    return Date.now() - arrivedAt < 1000 && location.hash === "#" + marker.id;
  }

  function noteOf(marker) {
    var id = (marker.getAttribute("href") || "").slice(1);
    return id ? document.getElementById(id) : null;
  }

  // The note's content without its back-links or element ids (which would be duplicated).
  function noteContent(note) {
    var copy = note.cloneNode(true);
    copy.querySelectorAll(".reference-backlinks").forEach(function (el) { el.remove(); });
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    var body = document.createElement("div");
    body.className = "citation-preview__body";
    while (copy.firstChild) body.appendChild(copy.firstChild);
    return body;
  }

  function close(returnFocus) {
    window.clearTimeout(hideTimer);
    if (!current) return;
    var marker = current.marker;
    current.panel.remove();
    marker.removeAttribute("aria-describedby");
    marker.removeAttribute("aria-controls");
    if (current.kind === "sheet") marker.setAttribute("aria-expanded", "false");
    var wasSheet = current.kind === "sheet";
    current = null;
    if (returnFocus && wasSheet) marker.focus({ preventScroll: true });
  }

  // Inside the page's main landmark, so that assistive technology finds it with the content.
  function host() {
    return document.querySelector("main") || document.body;
  }

  function place(panel, marker) {
    var rect = marker.getBoundingClientRect();
    var width = Math.min(panel.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    var below = rect.bottom + 8;
    var top = below + panel.offsetHeight > window.innerHeight && rect.top > panel.offsetHeight + 8
      ? rect.top - panel.offsetHeight - 8
      : below;
    // Coordinates are relative to the panel's positioned ancestor, if it has one.
    var origin = panel.offsetParent && panel.offsetParent !== document.body
      ? panel.offsetParent.getBoundingClientRect()
      : { left: -window.scrollX, top: -window.scrollY };
    panel.style.left = left - origin.left + "px";
    panel.style.top = top - origin.top + "px";
  }

  function showTooltip(marker) {
    var note = noteOf(marker);
    if (!note || (current && current.marker === marker)) return;
    close(false);
    var panel = document.createElement("div");
    panel.className = "citation-preview";
    panel.id = "citation-preview";
    panel.setAttribute("role", "tooltip");
    panel.appendChild(noteContent(note));
    panel.addEventListener("mouseenter", function () { window.clearTimeout(hideTimer); });
    panel.addEventListener("mouseleave", scheduleHide);
    host().appendChild(panel);
    place(panel, marker);
    marker.setAttribute("aria-describedby", panel.id);
    current = { marker: marker, panel: panel, kind: "tooltip" };
  }

  function scheduleHide() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(function () {
      if (current && current.kind === "tooltip") close(false);
    }, 300);
  }

  function showSheet(marker) {
    var note = noteOf(marker);
    if (!note) return;
    close(false);
    var number = marker.textContent.replace(/[^0-9]/g, "");
    var panel = document.createElement("div");
    panel.className = "citation-sheet";
    panel.id = "citation-sheet";
    panel.tabIndex = -1;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "citation-sheet-title");
    panel.setAttribute("aria-describedby", "citation-sheet-body");
    var title = document.createElement("p");
    title.className = "citation-sheet__title";
    title.id = "citation-sheet-title";
    title.textContent = "Reference " + number;
    var actions = document.createElement("div");
    actions.className = "citation-sheet__actions";
    var all = document.createElement("a");
    all.href = "#" + note.id;
    all.textContent = "All references";
    all.addEventListener("click", function () { close(false); });
    var shut = document.createElement("button");
    shut.type = "button";
    shut.textContent = "Close";
    shut.addEventListener("click", function () { close(true); });
    actions.appendChild(all);
    actions.appendChild(shut);
    var body = noteContent(note);
    body.id = "citation-sheet-body";
    panel.appendChild(title);
    panel.appendChild(body);
    panel.appendChild(actions);
    host().appendChild(panel);
    marker.setAttribute("aria-expanded", "true");
    marker.setAttribute("aria-controls", panel.id);
    current = { marker: marker, panel: panel, kind: "sheet" };
    revealAbove(marker, panel);
    panel.focus({ preventScroll: true });
  }

  // If the sheet covers the marker, scroll just enough to show the marker above it.
  function revealAbove(marker, panel) {
    var covered = marker.getBoundingClientRect().bottom + 8 - panel.getBoundingClientRect().top;
    if (covered > 0) window.scrollBy({ top: covered, behavior: "instant" });
  }

  document.addEventListener("click", function (event) {
    var marker = event.target.closest && event.target.closest("a.citation-ref");
    if (marker && touch.matches) {
      event.preventDefault();
      showSheet(marker);
      return;
    }
    if (event.target.closest && event.target.closest('a[href^="#"]')) arrivedAt = Date.now();
    // Following a marker (a click, or Enter) goes to its note: the preview has done its work.
    if (marker && current && current.kind === "tooltip") close(false);
    if (current && !current.panel.contains(event.target) && current.marker !== marker) close(false);
  });

  document.addEventListener("mouseover", function (event) {
    var marker = event.target.closest && event.target.closest("a.citation-ref");
    if (marker && !touch.matches && !justArrivedAt(marker)) {
      window.clearTimeout(hideTimer);
      showTooltip(marker);
    }
  });

  document.addEventListener("mouseout", function (event) {
    var marker = event.target.closest && event.target.closest("a.citation-ref");
    if (marker && current && current.marker === marker) scheduleHide();
  });

  document.addEventListener("focusin", function (event) {
    var marker = event.target.closest && event.target.closest("a.citation-ref");
    if (marker && !touch.matches && !justArrivedAt(marker)) showTooltip(marker);
    else if (current && current.marker !== marker && !current.panel.contains(event.target)) close(false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      event.stopPropagation();
      close(true);
    }
  });
})();
