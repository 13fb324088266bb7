/* skilltaxonomy site: the level pickers, the self-assessment and search.
   Every page reads without this script; it only adds. Framework text is set with
   textContent, never parsed as markup. */
(function () {
  "use strict";
  var doc = document;
  var pageLang = doc.documentElement.lang;

  function byId(id) { return doc.getElementById(id); }
  function data(id) { var node = byId(id); return node ? JSON.parse(node.textContent) : null; }
  function make(tag, text, cls) {
    var node = doc.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function option(value, text) { var o = make("option", text); o.value = value; return o; }
  function fill(template, values) {
    return template.replace(/%\((\w+)\)[ds]/g, function (_, key) { return String(values[key]); });
  }

  /* The picker's choice lives in the URL's fragment (#pick=1.2), and the language links
     carry it, so that another language opens the same page with the same choice. */
  function remembered() {
    var found = /^#pick=([\d.]+)$/.exec(location.hash);
    return found ? found[1].split(".").map(Number) : [];
  }
  function remember(values) {
    var hash = "#pick=" + values.join(".");
    history.replaceState(null, "", hash);
    Array.prototype.forEach.call(doc.querySelectorAll(".st-languages a"), function (link) {
      link.href = link.getAttribute("href").split("#")[0] + hash;
    });
  }
  function choose(select, value) {
    if (value !== undefined && value >= 0 && value < select.options.length) { select.value = String(value); }
  }

  /* An expectation as the pages show it (pages/write.py): required mark, step badge, description. */
  function cellNodes(cell, labels, into) {
    if (!cell) { into.appendChild(make("p", labels.none, "st-muted")); return; }
    if (cell.m === true) { into.appendChild(make("strong", labels.required, "st-req")); }
    if (cell.step) { var badge = make("abbr", cell.step, "st-step st-rank-" + cell.rank); badge.title = cell.stepName; into.appendChild(badge); }
    if (cell.text) {
      var text = make("p", cell.text, "st-desc");
      if (cell.lang && cell.lang !== pageLang) { text.lang = cell.lang; }
      into.appendChild(text);
    }
  }

  function skillPicker() {
    var box = byId("picker"), shown = data("st-skill-data"), labels = data("st-picker-data");
    if (!box || !shown) { return; }
    labels = labels.labels;
    var roleSelect = byId("pick-role"), levelSelect = byId("pick-level");
    shown.roles.forEach(function (role, i) { roleSelect.appendChild(option(String(i), role.name)); });
    function levels() {
      var role = shown.roles[Number(roleSelect.value)];
      clear(levelSelect);
      role.levels.forEach(function (level, i) { levelSelect.appendChild(option(String(i), level.name)); });
    }
    function show() {
      var role = shown.roles[Number(roleSelect.value)];
      var level = role.levels[Number(levelSelect.value)];
      var now = byId("pick-now"), next = byId("pick-next");
      function cellsAt(positions) { return positions.map(function (i) { return role.cells[i]; }); }
      clear(now); clear(next);
      byId("pick-now-title").textContent = level.name;
      cellNodes(role.cells[Number(levelSelect.value)], labels, now);
      if (level.next === null) {
        byId("pick-next-title").textContent = "—";
        next.appendChild(make("p", labels.top, "st-muted"));
      } else {
        byId("pick-next-title").textContent = role.levels[level.next].name;
        cellNodes(role.cells[level.next], labels, next);
      }
      list(byId("pick-new"), cellsAt(level["new"]), level.next === null ? labels.top : labels.none, true);
      list(byId("pick-mandatory"), cellsAt(level.mandatory), labels.nothing, true);
    }
    function list(node, cells, empty, withLevel) {
      clear(node);
      if (!cells.length) { node.appendChild(make("li", empty, "st-muted")); return; }
      cells.forEach(function (cell) {
        var item = make("li");
        if (withLevel) { item.appendChild(make("strong", cell.level + ": ")); }
        cellNodes(cell, labels, item);
        node.appendChild(item);
      });
    }
    function changed() { show(); remember([roleSelect.value, levelSelect.value]); }
    roleSelect.addEventListener("change", function () { levels(); changed(); });
    levelSelect.addEventListener("change", changed);
    var chosen = remembered();
    choose(roleSelect, chosen[0]);
    levels();
    choose(levelSelect, chosen[1]);
    show();
    box.hidden = false;
  }

  function rolePicker() {
    var box = byId("picker"), labels = data("st-picker-data"), table = document.querySelector(".st-matrix");
    var select = byId("pick-column");
    if (!box || !labels || !table || !select) { return; }
    var links = labels.links; labels = labels.labels;
    var heads = table.tHead.rows[0].cells;
    function show() {
      var at = Number(select.value), next = at + 1 < links.length ? at + 1 : -1;
      Array.prototype.forEach.call(table.querySelectorAll("[data-level]"), function (cell) {
        var column = Number(cell.getAttribute("data-level"));
        cell.classList.toggle("st-hl", column === at);
        cell.classList.toggle("st-nextcol", column === next);
      });
      var title = heads[at + 1].firstChild.textContent;
      byId("pick-title").textContent = next < 0 ? title : title + " → " + heads[next + 1].firstChild.textContent;
      byId("pick-link").href = links[at];
      var fresh = byId("pick-new"), mandatory = byId("pick-mandatory");
      clear(fresh); clear(mandatory);
      if (next < 0) {
        fresh.appendChild(make("li", labels.top, "st-muted"));
        mandatory.appendChild(make("li", labels.top, "st-muted"));
        return;
      }
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var cell = row.querySelector('td[data-level="' + next + '"]');
          if (!cell || cell.querySelector(".st-none")) { return; }
          var skill = row.cells[0].textContent;
          var item = make("li");
          item.appendChild(make("strong", skill + ": "));
          Array.prototype.forEach.call(cell.childNodes, function (child) { item.appendChild(child.cloneNode(true)); });
          fresh.appendChild(item);
          if (cell.hasAttribute("data-mandatory")) { mandatory.appendChild(make("li", skill)); }
        });
      });
      if (!fresh.firstChild) { fresh.appendChild(make("li", labels.none, "st-muted")); }
      if (!mandatory.firstChild) { mandatory.appendChild(make("li", labels.nothing, "st-muted")); }
    }
    select.addEventListener("change", function () { show(); remember([select.value]); });
    choose(select, remembered()[0]);
    show();
    box.hidden = false;
  }

  /* The self-assessment: the same rule as gap() (people/gap.py). A rating at a level
     meets every expectation at or below it on the role's ladder; "auto" readiness is
     "not-optional" where an expectation up to the target is mandatory, else "all". */
  function assess() {
    var form = byId("assess"), shown = data("st-assess-data"), labels = data("st-assess-labels");
    if (!form || !shown) { return; }
    // One key for the page in every language (the locale is a folder of its own), so the
    // language switch keeps what was rated.
    var key = "skilltaxonomy:" + location.pathname.replace("/" + pageLang + "/", "/");
    var state = {};
    try { state = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { state = {}; }
    var person = byId("assess-person"), target = byId("assess-target"), rows = byId("assess-rows");
    shown.levels.forEach(function (level, i) { target.appendChild(option(String(i), level.name)); });
    if (typeof state.person === "string") { person.value = state.person; }
    if (state.target !== undefined && state.target < shown.levels.length) { target.value = String(state.target); }
    var ratings = state.ratings || {};
    var selects = shown.skills.map(function (skill, i) {
      var row = make("tr"), head = make("th", skill.name);
      head.scope = "row";
      if (skill.lang && skill.lang !== pageLang) { head.lang = skill.lang; }
      var select = make("select");
      select.setAttribute("aria-label", skill.name);
      select.appendChild(option("", labels.not_assessed));
      shown.levels.forEach(function (level, j) { select.appendChild(option(String(j), level.name)); });
      if (ratings[skill.id] !== undefined && ratings[skill.id] < shown.levels.length) { select.value = String(ratings[skill.id]); }
      select.addEventListener("change", update);
      var cell = make("td"); cell.appendChild(select);
      row.appendChild(head); row.appendChild(cell);
      row.appendChild(make("td")); row.appendChild(make("td"));
      rows.appendChild(row);
      return select;
    });
    function update() {
      var goal = Number(target.value), saved = {};
      var required = shown.items.filter(function (item) { return item[1] <= goal; });
      var flagged = required.some(function (item) { return item[2] === true; });
      var policy = flagged ? "not-optional" : "all";
      var met = 0, mandatoryMet = 0, mandatory = 0, blocking = 0;
      var perSkill = shown.skills.map(function () { return { met: 0, required: 0, cover: [] }; });
      required.forEach(function (item) {
        var rated = selects[item[0]].value, skill = perSkill[item[0]];
        var ok = rated !== "" && item[1] <= Number(rated);
        skill.required += 1;
        if (item[2] === true) { mandatory += 1; }
        if (ok) { met += 1; skill.met += 1; if (item[2] === true) { mandatoryMet += 1; } return; }
        skill.cover.push(shown.levels[item[1]].name + (item[2] === true ? " (" + labels.required + ")" : ""));
        if (policy === "all" || item[2] !== false) { blocking += 1; }
      });
      shown.skills.forEach(function (skill, i) {
        var row = rows.rows[i];
        row.cells[2].textContent = perSkill[i].met + "/" + perSkill[i].required;
        row.cells[3].textContent = perSkill[i].cover.join(", ") || "—";
        if (selects[i].value !== "") { saved[skill.id] = Number(selects[i].value); }
      });
      byId("assess-policy").textContent = policy === "all" ? labels.policy_all : labels.policy_not_optional;
      var verdict = byId("assess-verdict");
      verdict.textContent = blocking ? labels.not_ready : (policy === "all" ? labels.ready_all : labels.ready_mandatory);
      verdict.setAttribute("data-ready", blocking ? "false" : "true");
      verdict.setAttribute("data-policy", policy);
      byId("assess-counts").textContent = fill(labels.counts, { met: met, required: required.length, mandatory_met: mandatoryMet, mandatory: mandatory });
      try { localStorage.setItem(key, JSON.stringify({ person: person.value, target: goal, ratings: saved })); } catch (e) { /* storage off */ }
      return saved;
    }
    function csvField(text) { return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text; }
    byId("assess-download").addEventListener("click", function () {
      var saved = update(), who = person.value.trim() || "me";
      var lines = ["person,skill,level,rater"];
      shown.skills.forEach(function (skill) {
        if (saved[skill.id] === undefined) { return; }
        lines.push([who, skill.id, shown.levels[saved[skill.id]].id, "self"].map(csvField).join(","));
      });
      var blob = new Blob([lines.join("\n") + "\n"], { type: "text/csv" });
      var link = make("a");
      link.href = URL.createObjectURL(blob);
      link.download = "ratings-" + shown.role.replace(/[^A-Za-z0-9_-]+/g, "-") + ".csv";
      doc.body.appendChild(link); link.click(); doc.body.removeChild(link);
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    });
    person.addEventListener("input", update);
    target.addEventListener("change", update);
    form.hidden = false;
    update();
  }

  function search() {
    var results = byId("search-results"), labels = data("st-search-labels");
    if (!results) { return; }
    var query = new URLSearchParams(location.search).get("q") || "";
    var input = byId("st-q");
    if (input) { input.value = query; }
    if (!query.trim()) { return; }
    var top = new URL(doc.body.getAttribute("data-top"), location.href);
    import(new URL("pagefind/pagefind.js", top).href).then(function (pagefind) {
      return pagefind.options({ baseUrl: top.pathname }).then(function () { return pagefind.search(query); });
    }).then(function (found) {
      return Promise.all(found.results.slice(0, 30).map(function (result) { return result.data(); }));
    }).then(function (pages) {
      clear(results);
      if (!pages.length) { results.appendChild(make("p", labels.none)); return; }
      var list = make("ol", null, "st-results");
      pages.forEach(function (page) {
        var item = make("li"), link = make("a", (page.meta && page.meta.title) || page.url);
        link.href = page.url;
        item.appendChild(link);
        var excerpt = new DOMParser().parseFromString(page.excerpt || "", "text/html").body.textContent;
        item.appendChild(make("p", excerpt, "st-muted"));
        list.appendChild(item);
      });
      results.appendChild(list);
    }).catch(function () {
      clear(results);
      results.appendChild(make("p", labels.none));
    });
  }

  function start() {
    var kind = doc.body.getAttribute("data-kind");
    if (kind === "skill") { skillPicker(); }
    if (kind === "role") { rolePicker(); }
    if (kind === "assess") { assess(); }
    if (kind === "search") { search(); }
  }
  if (doc.readyState === "loading") { doc.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
