// An offline chart for YASR: a bar for each row, from the answer's first numeric column,
// labelled by its first other column. YASR's own chart plugin (and the older YASGUI's) draws
// with Google Charts fetched from Google's CDN, which a page that asks nothing of the web
// cannot use; this draws an SVG in the page, every text set with textContent.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var MAX_ROWS = 60;  // bars beyond these are left out, and the chart says so
  var NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|unsignedInt|unsignedLong)$/;

  function isNumber(term) {
    return term && term.type !== "uri" && term.type !== "bnode" &&
      (NUMERIC.test(term.datatype || "") || (!term.datatype && term.value !== "" &&
                                             isFinite(Number(term.value))));
  }

  // {label, value, rows: [[label, number]], total} of the answer, or null if none is numeric.
  function chartData(results) {
    if (!results || !results.getVariables || !results.getBindings()) { return null; }
    var names = results.getVariables(), rows = results.getBindings();
    if (!rows.length) { return null; }
    var value = names.find(function (name) {
      return rows.every(function (row) { return !row[name] || isNumber(row[name]); }) &&
        rows.some(function (row) { return row[name]; });
    });
    if (!value) { return null; }
    var label = names.find(function (name) { return name !== value; });
    return {
      label: label, value: value, total: rows.length,
      rows: rows.slice(0, MAX_ROWS).map(function (row, i) {
        return [label && row[label] ? row[label].value : String(i + 1),
                row[value] ? Number(row[value].value) : 0];
      }),
    };
  }

  function element(name, attributes, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function drawChart(data) {
    var rowHeight = 22, labelWidth = 260, barWidth = 520, top = 28;
    var height = top + data.rows.length * rowHeight + 10;
    var max = Math.max.apply(null, data.rows.map(function (r) { return Math.abs(r[1]); })) || 1;
    var svg = element("svg", { xmlns: SVG, width: labelWidth + barWidth + 80, height: height,
                               "class": "dutygraph-chart", role: "img" });
    svg.appendChild(element("text", { x: 0, y: 16, "font-size": 13, fill: "#555" },
      "?" + data.value + (data.label ? " / ?" + data.label : "") +
      (data.total > data.rows.length ? "（前 " + data.rows.length + " 行，共 " + data.total +
                                         " 行 first rows only）" : "")));
    data.rows.forEach(function (row, i) {
      var y = top + i * rowHeight, width = Math.abs(row[1]) / max * barWidth;
      var label = row[0].length > 22 ? row[0].slice(0, 21) + "…" : row[0];
      var bar = element("g", {});
      bar.appendChild(element("title", {}, row[0] + "：" + row[1]));
      bar.appendChild(element("text", { x: labelWidth - 6, y: y + 15, "text-anchor": "end",
                                        "font-size": 13, fill: "#222" }, label));
      bar.appendChild(element("rect", { x: labelWidth, y: y + 3, width: width.toFixed(1),
                                        height: rowHeight - 6, fill: "#4e79a7" }));
      bar.appendChild(element("text", { x: labelWidth + width + 4, y: y + 15, "font-size": 12,
                                        fill: "#444" }, String(row[1])));
      svg.appendChild(bar);
    });
    return svg;
  }

  function BarChart(yasr) {
    this.yasr = yasr;
    this.priority = 1;  // below the table: a chart is offered, the table comes first
    this.label = "图表 Chart";
  }
  BarChart.prototype.canHandleResults = function () {
    return !!chartData(this.yasr.results);
  };
  BarChart.prototype.draw = function () {
    var data = chartData(this.yasr.results);
    var box = document.createElement("div");
    box.className = "dutygraph-chart-box";
    if (data) { box.appendChild(drawChart(data)); }
    this.yasr.resultsEl.appendChild(box);
  };
  BarChart.prototype.getIcon = function () {
    var icon = document.createElement("span");
    icon.textContent = "▇";
    return icon;
  };
  BarChart.prototype.download = function () {
    var svg = this.yasr.resultsEl.querySelector("svg.dutygraph-chart");
    if (!svg) { return undefined; }
    return { contentType: "image/svg+xml", filename: "chart.svg", title: "Download chart (SVG)",
             getData: function () { return new XMLSerializer().serializeToString(svg); } };
  };

  Yasgui.Yasr.registerPlugin("chart", BarChart);
  window.dutygraphChart = { chartData: chartData };
})();
