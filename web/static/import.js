/* agp import: while an import runs, fetch the job page every second and bring its two parts up
 * to date (src/web/pages_import.cpp):
 *
 *   <div id="import-status" data-state="running" aria-live="polite">…phase or outcome…</div>
 *   <div id="import-detail">…progress bar, "Oppdater" link…</div>
 *
 * The status is a live region whose words change only with the phase and at the end, so a screen
 * reader hears each step once; the progress bar is outside it. When the import is over, the
 * heading, the title and the footer follow and the polling stops. Progressive enhancement: without
 * JavaScript the page has an "Oppdater" link. No inline styles or scripts (CSP).
 */
(function () {
  "use strict";

  var status = document.getElementById("import-status");
  if (!status || status.getAttribute("data-state") !== "running" || !window.fetch ||
      !window.DOMParser) {
    return;
  }

  function sameContent(a, b) {
    return a.innerHTML === b.innerHTML;
  }

  function adopt(target, source) {
    var nodes = [];
    for (var i = 0; i < source.childNodes.length; i++) {
      nodes.push(document.importNode(source.childNodes[i], true));
    }
    target.replaceChildren.apply(target, nodes);
  }

  function update(doc) {
    var freshStatus = doc.getElementById("import-status");
    var freshDetail = doc.getElementById("import-detail");
    if (!freshStatus || !freshDetail) return false;  // e.g. the session ended: stop quietly
    var detail = document.getElementById("import-detail");
    if (detail && !sameContent(detail, freshDetail)) adopt(detail, freshDetail);
    if (!sameContent(status, freshStatus)) adopt(status, freshStatus);
    var state = freshStatus.getAttribute("data-state");
    status.setAttribute("data-state", state);
    if (state === "running") return true;
    var h1 = document.querySelector("main h1");
    var freshH1 = doc.querySelector("main h1");
    if (h1 && freshH1) h1.textContent = freshH1.textContent;
    if (doc.title) document.title = doc.title;
    var crumb = document.querySelector(".breadcrumbs [aria-current=\"page\"]");
    var freshCrumb = doc.querySelector(".breadcrumbs [aria-current=\"page\"]");
    if (crumb && freshCrumb) crumb.textContent = freshCrumb.textContent;
    var footer = document.querySelector("footer.site");
    var freshFooter = doc.querySelector("footer.site");
    if (footer && freshFooter) adopt(footer, freshFooter);  // the new data version
    return false;
  }

  function poll() {
    fetch(window.location.href, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "text/html" }
    })
      .then(function (response) {
        if (response.status >= 500) throw new Error("HTTP " + response.status);
        return response.ok ? response.text() : null;  // 4xx: gone or signed out; stop
      })
      .then(function (text) {
        if (text === null) return;
        var doc = new DOMParser().parseFromString(text, "text/html");
        if (update(doc)) window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);  // the server may be busy; the link still works
      });
  }

  window.setTimeout(poll, 1000);
})();
