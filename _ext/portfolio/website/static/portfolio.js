/* Portfolio: small enhancements of the static site; everything works without them.
   - email addresses are assembled here, so the page source never contains them
   - BibTeX blocks get a Copy button
   - the publication list gets a filter by words, year and type
   - the table of names for other projects gets a filter box */
(function () {
  "use strict";

  /* The page gives the script its words, in the site's language (website/script.py). */
  var catalog = {};
  var block = document.getElementById("cv-strings");
  if (block) { try { catalog = JSON.parse(block.textContent); } catch (e) { catalog = {}; } }
  function say(name, values) {
    var text = catalog[name] || "";
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
    return text;
  }

  function revealEmails() {
    document.querySelectorAll("a.cv-email[data-cv-email]").forEach(function (link) {
      var address = atob(link.getAttribute("data-cv-email")).split("").reverse().join("");
      link.href = "mailto:" + address;
      (link.querySelector("span") || link).textContent = address;
    });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }

  function addCopyButtons() {
    document.querySelectorAll(".cv-bibtex").forEach(function (box) {
      var source = box.querySelector(".cv-bibtex-source");
      if (!source || box.querySelector(".cv-copy")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cv-copy";
      button.textContent = say("copy");
      button.setAttribute("aria-label", say("copyEntry", {label: say("copy"), key: box.getAttribute("data-key") || ""}));
      button.addEventListener("click", function () {
        copyText(source.textContent).then(function () {
          button.textContent = say("copied");
          box.setAttribute("data-copied", "true");
          setTimeout(function () { button.textContent = say("copy"); }, 2000);
        });
      });
      source.insertAdjacentElement("afterend", button);
    });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function option(value, label) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    return element;
  }

  function labelled(text, control, id) {
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = text;
    control.id = id;
    var wrap = document.createElement("span");
    wrap.className = "cv-filter-field";
    wrap.appendChild(label);
    wrap.appendChild(control);
    return wrap;
  }

  function buildFilter(box) {
    var papers = Array.prototype.map.call(document.querySelectorAll("div.citation"), function (citation) {
      var extras = citation.querySelector(".cv-paper-extras");
      return extras && {
        element: citation,
        text: fold(citation.textContent),
        year: extras.getAttribute("data-year"),
        type: extras.getAttribute("data-type"),
        typeLabel: extras.getAttribute("data-type-label")
      };
    }).filter(Boolean);
    if (!papers.length) { return; }

    var words = document.createElement("input");
    words.type = "search";
    words.placeholder = say("placeholder");
    var year = document.createElement("select");
    year.appendChild(option("", say("allYears")));
    var type = document.createElement("select");
    type.appendChild(option("", say("allTypes")));
    var years = {}, types = {};
    papers.forEach(function (p) { years[p.year] = true; types[p.type] = p.typeLabel; });
    Object.keys(years).sort().reverse().forEach(function (y) { year.appendChild(option(y, y)); });
    Object.keys(types).forEach(function (t) { type.appendChild(option(t, types[t])); });
    var status = document.createElement("p");
    status.className = "cv-filter-status";
    status.setAttribute("aria-live", "polite");

    var form = document.createElement("form");
    form.className = "cv-filter-form";
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.appendChild(labelled(say("search"), words, "cv-filter-words"));
    form.appendChild(labelled(say("year"), year, "cv-filter-year"));
    form.appendChild(labelled(say("type"), type, "cv-filter-type"));
    box.appendChild(form);
    box.appendChild(status);

    var sections = Array.prototype.filter.call(document.querySelectorAll("section"), function (section) {
      return section.querySelector("div.citation") && !section.querySelector(":scope section div.citation");
    });

    function apply() {
      var terms = fold(words.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      papers.forEach(function (p) {
        var match = (!year.value || p.year === year.value) && (!type.value || p.type === type.value) &&
          terms.every(function (term) { return p.text.indexOf(term) !== -1; });
        p.element.hidden = !match;
        if (match) { shown += 1; }
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector("div.citation:not([hidden])");
      });
      status.textContent = shown === papers.length ?
        say("total", {total: papers.length}) : say("shownOfTotal", {shown: shown, total: papers.length});
      var params = new URLSearchParams(window.location.search);
      [["q", words.value], ["year", year.value], ["type", type.value]].forEach(function (pair) {
        if (pair[1]) { params.set(pair[0], pair[1]); } else { params.delete(pair[0]); }
      });
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    var initial = new URLSearchParams(window.location.search);
    words.value = initial.get("q") || "";
    year.value = initial.get("year") || "";
    type.value = initial.get("type") || "";
    [words, year, type].forEach(function (control) { control.addEventListener("input", apply); });
    apply();
  }

  /* A filter box over the table that follows it (the names other projects link to). */
  function buildTableFilter(box) {
    var table = box.nextElementSibling;
    while (table && table.tagName !== "TABLE") { table = table.querySelector("table") || table.nextElementSibling; }
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var input = document.createElement("input");
    input.type = "search";
    box.appendChild(labelled(box.getAttribute("data-cv-table-filter"), input, "cv-table-filter-words"));
    input.addEventListener("input", function () {
      var terms = fold(input.value).split(/\s+/).filter(Boolean);
      rows.forEach(function (row) {
        var text = fold(row.textContent);
        row.hidden = !terms.every(function (term) { return text.indexOf(term) !== -1; });
      });
    });
  }

  /* A code block wider than the page scrolls; the keyboard must reach it to scroll it too. */
  function focusableScrolling() {
    document.querySelectorAll("pre").forEach(function (pre) {
      if (pre.scrollWidth > pre.clientWidth && !pre.hasAttribute("tabindex")) { pre.setAttribute("tabindex", "0"); }
    });
  }

  /* Sphinx's search says how many pages it found in the site's language; where Sphinx's catalog leaves
     that sentence empty (German), the page's own words fill the gap, before the search runs. */
  function fillSearchSummary() {
    var forms = catalog.searchSummary;
    /* Sphinx declares it with const: a global, but no property of window */
    var known = typeof Documentation !== "undefined" && Documentation.TRANSLATIONS;
    if (!forms || forms.length !== 2 || !known) { return; }
    var key = "Search finished, found one page matching the search query.";
    var have = known[key];
    if (have && !(Array.isArray(have) && have.some(function (form) { return !form; }))) { return; }
    /* a catalog's plural expression such as "(n != 1)" gives true or false, not 0 or 1 */
    var entry = forms.slice();
    entry["false"] = forms[0];
    entry["true"] = forms[1];
    known[key] = entry;
  }

  /* The phone's navigation drawers are off-screen while closed: inert then, so Tab does not walk
     through a dozen links no one can see. */
  function inertDrawers() {
    [["__navigation", ".sidebar-drawer"], ["__toc", ".toc-drawer"]].forEach(function (pair) {
      var toggle = document.getElementById(pair[0]);
      var drawer = document.querySelector(pair[1]);
      if (!toggle || !drawer) { return; }
      function update() {
        var hidden = getComputedStyle(drawer).visibility === "hidden" ||
          drawer.getBoundingClientRect().right <= 0 || drawer.getBoundingClientRect().left >= window.innerWidth;
        drawer.inert = !toggle.checked && hidden;
      }
      toggle.addEventListener("change", function () { drawer.inert = false; setTimeout(update, 350); });
      window.addEventListener("resize", update);
      update();
    });
  }

  function start() {
    fillSearchSummary();
    inertDrawers();
    focusableScrolling();
    revealEmails();
    addCopyButtons();
    document.querySelectorAll(".cv-filter[data-cv-filter]").forEach(buildFilter);
    document.querySelectorAll(".cv-table-filter[data-cv-table-filter]").forEach(buildTableFilter);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
