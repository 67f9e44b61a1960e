// The static site's search: the served search's rules (dutygraph.serve queries/search.rq), run
// in the browser over the index written with the site (search-index.js). Any part of a name,
// pinyin or text, case, spaces and hyphens aside. Every text is set as text, never as markup.
(function () {
  "use strict";
  var KINDS = { unit: ["单位", "unit"], leader: ["牵头领导", "leader"], task: ["重点工作", "task"] };
  var ORDER = { leader: 1, task: 2, unit: 3 };
  var LIMIT = 200;
  var phrase = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var input = document.querySelector("form.search input[name=q]");
  if (input) input.value = phrase;
  function fold(text) { return String(text).toLowerCase().replace(/[\s-]/g, ""); }
  var wanted = fold(phrase);
  if (!wanted) return;
  document.getElementById("search-help").hidden = true;
  var found = window.DUTYGRAPH_SEARCH.filter(function (entry) {
    return entry.texts.some(function (text) { return fold(text).indexOf(wanted) >= 0; });
  }).sort(function (a, b) {
    return ORDER[a.kind] - ORDER[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  }).slice(0, LIMIT);
  var list = document.getElementById("results");
  found.forEach(function (entry) {
    var item = document.createElement("li");
    item.className = entry.kind;
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = KINDS[entry.kind][0] + " ";
    var english = document.createElement("span");
    english.className = "en";
    english.textContent = KINDS[entry.kind][1];
    kind.appendChild(english);
    var link = document.createElement("a");
    link.href = entry.href;
    link.textContent = entry.name;
    item.appendChild(kind);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(link);
    list.appendChild(item);
  });
  document.getElementById("found").textContent = found.length + " 个结果 results";
})();
