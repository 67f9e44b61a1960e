// dutygraph's picture in the browser: settle, click to highlight, find, filter, rank, export.
// Embedded in network.html after the data (nodes, edges, options, tools). Every text from the
// graph reaches the page through textContent or the SVG's escaping, never as HTML.
"use strict";

var startedAt = performance.now();
var container = document.getElementById("mynetwork");
var network = new vis.Network(container, {}, options);
// Set by the page once the layout has settled; the browser tests and the benchmark wait for it.
window.dutygraph = { stable: false, visible: nodes.length, focused: null, exported: {} };

// The smallest label drawn, in screen pixels (vis-network draws down to drawThreshold - 1).
var LABEL_PX = options.nodes.scaling.label.drawThreshold - 1;
var byId = {};
nodes.forEach(function (n) { byId[n.id] = n; });

function settled() {
  window.dutygraph.startedAt = startedAt;
  window.dutygraph.layoutAt = performance.now();
  network.setOptions({ physics: { enabled: false } });
  network.fit();
  fitLabels();
  window.dutygraph.stable = true;
  window.dutygraph.settledAt = performance.now();
  document.body.setAttribute("data-stable", "true");
}
network.once("stabilizationIterationsDone", settled);

// Labels sized for the zoom the picture opens at: the largest units get 11-18 px, the rest
// fall under the draw threshold (options.nodes.scaling.label) and appear as one zooms in.
function fitLabels() {
  var scale = network.getScale();
  var dots = nodes.get({ filter: function (n) { return n.shape === "dot"; } });
  dots.sort(function (a, b) { return b.size - a.size; });
  var budget = Math.max(8, Math.min(40, Math.round(container.clientWidth *
                                                   container.clientHeight / 40000)));
  var updates = dots.map(function (n, rank) {
    var px = Math.min(16, (LABEL_PX + 1) * Math.sqrt(budget / (rank + 1)));
    return { id: n.id, font: Object.assign({}, n.font, { size: px / scale }) };
  });
  nodes.forEach(function (n) {  // boxes keep their text readable: an empty box says nothing
    if (n.shape === "box" && n.font.size * scale < LABEL_PX + 1) {
      updates.push({ id: n.id, font: Object.assign({}, n.font, { size: (LABEL_PX + 1) / scale }) });
    }
  });
  nodes.update(updates);
  updates.forEach(function (u) { originalNodes[u.id].font = u.font; });
}

// Clicking a node dims everything not connected to it; clicking the background undoes it.
var originalNodes = {};
var originalEdges = {};
nodes.forEach(function (n) { originalNodes[n.id] = { color: n.color, font: n.font }; });
edges.forEach(function (e) { originalEdges[e.id] = { color: e.color }; });
var DIM = { background: "#eeeeee", border: "#dddddd" };

function highlight(id) {
  var near = new Set(network.getConnectedNodes(id));
  near.add(id);
  var mine = new Set(network.getConnectedEdges(id));
  nodes.update(nodes.getIds().map(function (n) {
    var o = originalNodes[n];
    return near.has(n) ? { id: n, color: o.color, font: o.font }
      : { id: n, color: DIM, font: Object.assign({}, o.font, { color: "#c8c8c8" }) };
  }));
  edges.update(edges.getIds().map(function (e) {
    return mine.has(e) ? { id: e, color: originalEdges[e].color }
      : { id: e, color: { color: "rgba(200,200,200,0.12)" } };
  }));
}

function reset() {
  nodes.update(nodes.getIds().map(function (n) {
    return { id: n, color: originalNodes[n].color, font: originalNodes[n].font };
  }));
  edges.update(edges.getIds().map(function (e) {
    return { id: e, color: originalEdges[e].color };
  }));
  window.dutygraph.focused = null;
}

network.on("click", function (params) {
  if (params.nodes.length > 0) { highlight(params.nodes[0]); } else { reset(); }
});

// ---- find a unit -----------------------------------------------------------------------

function findNodes(text) {
  text = text.trim().toLowerCase();
  if (!text) { return []; }
  var found = nodes.get({ filter: function (n) {
    return !n.hidden && String(n.label || "").toLowerCase().indexOf(text) >= 0;
  } });
  found.sort(function (a, b) { return (b.size || 0) - (a.size || 0); });
  return found.slice(0, 8);
}

function focusNode(id) {
  network.selectNodes([id]);
  highlight(id);
  network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: false });
  window.dutygraph.focused = id;
}

function showFound() {
  var list = document.getElementById("find-results");
  list.replaceChildren();
  findNodes(document.getElementById("find").value).forEach(function (n) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = String(n.label).replace(/\n/g, " ");
    button.addEventListener("click", function () { focusNode(n.id); });
    item.appendChild(button);
    list.appendChild(item);
  });
}

// ---- filters: unit type, leader, tasks shared --------------------------------------------

var filters = { types: new Set((tools.types || []).map(function (t) { return t[0]; })),
                leader: -1, min: 1 };

function nodePasses(n) {
  var key = String(filters.leader);
  if (n.kind === "unit") {
    return filters.types.has(n.type) && (filters.leader < 0 || key in (n.leaders || {}));
  }
  if (n.kind === "leader" || n.kind === "task") {
    return filters.leader < 0 || n.leader === filters.leader;
  }
  return true;
}

// A tie's weight under the filters: the tasks shared under the chosen leader, if one is.
function edgeWeight(e) {
  if (e.weight === undefined) { return Infinity; }  // a role or a charge: no weight
  if (filters.leader >= 0 && byId[e.from].kind === "unit") {
    return (e.by_leader || {})[filters.leader] || 0;
  }
  return e.weight;
}

// Which nodes and edges the filters keep, as select() and select_leaders() keep them in Python.
function filtered() {
  var keep = new Set(), shown = new Set(), ends = {};
  nodes.forEach(function (n) { if (nodePasses(n)) { keep.add(n.id); } });
  edges.forEach(function (e) {
    var enough = tools.kind === "tasks" || edgeWeight(e) >= filters.min;
    if (keep.has(e.from) && keep.has(e.to) && enough) {
      shown.add(e.id);
      ends[e.from] = (ends[e.from] || 0) + 1;
      ends[e.to] = (ends[e.to] || 0) + 1;
    }
  });
  keep.forEach(function (id) {
    var n = byId[id], count = ends[id] || 0;
    var alone = (tools.kind === "leaders" && count === 0) ||
      (tools.kind === "collaboration" && filters.min > 1 && count === 0) ||
      (tools.kind === "tasks" && n.kind === "unit" && !n.focus &&
       count < Math.max(filters.min, 1));
    if (alone) { keep.delete(id); }
  });
  edges.forEach(function (e) {
    if (!keep.has(e.from) || !keep.has(e.to)) { shown.delete(e.id); }
  });
  return { nodes: keep, edges: shown };
}

function applyFilters() {
  var kept = filtered();
  nodes.update(nodes.get({ filter: function (n) { return !n.hidden !== kept.nodes.has(n.id); } })
    .map(function (n) { return { id: n.id, hidden: !kept.nodes.has(n.id) }; }));
  edges.update(edges.get({ filter: function (e) { return !e.hidden !== kept.edges.has(e.id); } })
    .map(function (e) { return { id: e.id, hidden: !kept.edges.has(e.id) }; }));
  window.dutygraph.visible = kept.nodes.size;
  window.dutygraph.visibleEdges = kept.edges.size;
  document.getElementById("visible-count").textContent =
    "显示 " + kept.nodes.size + " / " + nodes.length + " 个节点，" + kept.edges.size + " 条连线";
  showRanking();
}

function buildFilters() {
  var box = document.getElementById("filter-types");
  (tools.types || []).forEach(function (t) {
    var label = document.createElement("label");
    var check = document.createElement("input");
    check.type = "checkbox";
    check.checked = true;
    check.value = t[0];
    check.addEventListener("change", function () {
      if (check.checked) { filters.types.add(t[0]); } else { filters.types.delete(t[0]); }
      applyFilters();
    });
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = t[2];
    label.append(check, swatch, document.createTextNode(t[1]));
    box.appendChild(label);
  });
  var select = document.getElementById("filter-leader");
  (tools.leaders || []).forEach(function (l, i) {
    var option = document.createElement("option");
    option.value = String(tools.leaderIndex[i]);
    option.textContent = l[1];
    select.appendChild(option);
  });
  select.addEventListener("change", function () {
    filters.leader = Number(select.value);
    applyFilters();
  });
  var min = document.getElementById("filter-min");
  min.max = String(Math.max(1, tools.maxWeight || 1));
  min.addEventListener("input", function () {
    filters.min = Math.max(1, Number(min.value) || 1);
    applyFilters();
  });
  if (!tools.maxWeight) { document.getElementById("filter-min-row").hidden = true; }
  if (!(tools.leaders || []).length) { document.getElementById("filter-leader-row").hidden = true; }
}

// ---- ranking, computed on the whole network in Python ----------------------------------

var RANK_COLUMNS = { degree: 2, weighted_degree: 3, betweenness: 4, lead_tasks: 5 };
var RANK_SHOWN = 20;

function showRanking() {
  var by = document.getElementById("rank-by").value || "degree";
  var column = RANK_COLUMNS[by];
  var rows = (tools.ranking || []).slice().sort(function (a, b) {
    return b[column] - a[column] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  });
  var list = document.getElementById("rank-list");
  list.replaceChildren();
  rows.slice(0, RANK_SHOWN).forEach(function (row) {
    var item = document.createElement("li");
    var name = document.createElement("button");
    name.type = "button";
    name.className = "name";
    name.textContent = row[1];
    var value = document.createElement("span");
    value.className = "value";
    value.textContent = String(row[column]);
    var here = byId[row[0]] && !byId[row[0]].hidden;
    if (here) {
      name.addEventListener("click", function () { focusNode(row[0]); });
    } else {
      item.className = "absent";
      name.disabled = true;
      name.title = "不在当前图中（或已被筛除）";
    }
    item.append(name, value);
    list.appendChild(item);
  });
}

function buildRanking() {
  var select = document.getElementById("rank-by");
  (tools.rankings || []).forEach(function (r) {
    var option = document.createElement("option");
    option.value = r[0];
    option.textContent = r[1];
    select.appendChild(option);
  });
  select.addEventListener("change", showRanking);
  showRanking();
}

// ---- export ------------------------------------------------------------------------------

function fileName(extension) {
  return document.title.replace(/[\\/:*?"<>|\s]+/g, "_") + "." + extension;
}

function download(url, name) {
  var link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

// The canvas as drawn now, on white (the canvas itself is transparent).
function exportPng() {
  var source = container.querySelector("canvas");
  var copy = document.createElement("canvas");
  copy.width = source.width;
  copy.height = source.height;
  var context = copy.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, copy.width, copy.height);
  context.drawImage(source, 0, 0);
  var url = copy.toDataURL("image/png");
  window.dutygraph.exported.png = url.length;
  download(url, fileName("png"));
  return url;
}

function escapeXml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

function colourOf(c, key) {
  if (!c) { return "#999999"; }
  return typeof c === "string" ? c : (c[key] || "#999999");
}

// The visible nodes and edges as SVG, at their positions, labels drawn as they are now.
function svgText() {
  var ids = nodes.getIds({ filter: function (n) { return !n.hidden; } });
  var at = network.getPositions(ids);
  var scale = network.getScale();
  var parts = [], left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
  ids.forEach(function (id) {
    var box = network.getBoundingBox(id);
    left = Math.min(left, box.left); top = Math.min(top, box.top);
    right = Math.max(right, box.right); bottom = Math.max(bottom, box.bottom);
  });
  if (!ids.length) { left = top = 0; right = bottom = 100; }
  edges.get({ filter: function (e) { return !e.hidden; } }).forEach(function (e) {
    var a = at[e.from], b = at[e.to];
    parts.push('<line x1="' + a.x.toFixed(1) + '" y1="' + a.y.toFixed(1) + '" x2="' +
      b.x.toFixed(1) + '" y2="' + b.y.toFixed(1) + '" stroke="' +
      escapeXml(colourOf(e.color, "color")) + '" stroke-width="' + (e.width || 1) + '"' +
      (e.dashes ? ' stroke-dasharray="5 5"' : "") + "/>");
  });
  ids.forEach(function (id) {
    var n = byId[id], p = at[id], font = nodes.get(id).font || {};
    var drawn = (font.size || 14) * scale >= LABEL_PX - 1;
    var fill = escapeXml(colourOf(n.color, "background"));
    var stroke = escapeXml(colourOf(n.color, "border"));
    if (n.shape === "dot") {
      parts.push('<circle cx="' + p.x.toFixed(1) + '" cy="' + p.y.toFixed(1) + '" r="' +
        n.size.toFixed(1) + '" fill="' + fill + '" stroke="' + stroke + '" stroke-width="' +
        (n.borderWidth || 1).toFixed(1) + '"' +
        (n.shapeProperties ? ' stroke-dasharray="3 3"' : "") + "/>");
      if (drawn) { parts.push(svgLabel(n.label, p.x, p.y + n.size + font.size, font)); }
    } else {
      var box = network.getBoundingBox(id);
      parts.push('<rect x="' + box.left.toFixed(1) + '" y="' + box.top.toFixed(1) +
        '" width="' + (box.right - box.left).toFixed(1) + '" height="' +
        (box.bottom - box.top).toFixed(1) + '" rx="4" fill="' + fill + '" stroke="' + stroke +
        '"/>');
      parts.push(svgLabel(n.label, p.x, p.y, font));
    }
  });
  var pad = 20;
  return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + (left - pad).toFixed(0) + " " +
    (top - pad).toFixed(0) + " " + (right - left + 2 * pad).toFixed(0) + " " +
    (bottom - top + 2 * pad).toFixed(0) + '" font-family="' + escapeXml(FONT_FACE) + '">\n' +
    "<title>" + escapeXml(document.title) + "</title>\n" +
    '<rect x="' + (left - pad).toFixed(0) + '" y="' + (top - pad).toFixed(0) +
    '" width="100%" height="100%" fill="#ffffff"/>\n' + parts.join("\n") + "\n</svg>\n";
}

function svgLabel(label, x, y, font) {
  var lines = String(label || "").split("\n");
  var size = font.size || 14;
  var first = y - (lines.length - 1) * size * 0.6;
  return '<text x="' + x.toFixed(1) + '" y="' + first.toFixed(1) + '" font-size="' +
    size.toFixed(1) + '" text-anchor="middle" dominant-baseline="middle" fill="' +
    escapeXml(font.color || "#222222") + '" stroke="#ffffff" stroke-width="' +
    (font.strokeWidth || 0) + '" paint-order="stroke">' +
    lines.map(function (line, i) {
      return '<tspan x="' + x.toFixed(1) + '" dy="' + (i ? size * 1.2 : 0).toFixed(1) + '">' +
        escapeXml(line) + "</tspan>";
    }).join("") + "</text>";
}

function exportSvg() {
  var text = svgText();
  window.dutygraph.exported.svg = text.length;
  download("data:image/svg+xml;charset=utf-8," + encodeURIComponent(text), fileName("svg"));
  return text;
}

// ---- start -------------------------------------------------------------------------------

if (tools) {
  buildFilters();
  buildRanking();
  applyFilters();
  document.getElementById("find").addEventListener("input", showFound);
  document.getElementById("find").addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = findNodes(event.target.value)[0];
      if (first) { focusNode(first.id); }
    }
  });
  document.getElementById("export-png").addEventListener("click", exportPng);
  document.getElementById("export-svg").addEventListener("click", exportSvg);
  document.getElementById("tools-toggle").addEventListener("click", function () {
    document.getElementById("tools").classList.toggle("folded");
  });
}
network.setData({ nodes: nodes, edges: edges });
if (nodes.length === 0 || !options.physics || options.physics.enabled === false) { settled(); }
