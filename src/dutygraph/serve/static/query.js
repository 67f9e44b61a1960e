// The query page: YASGUI over the workbench's endpoint, and the catalogue beside it. A query
// with parameters gets a form; its values are bound as string literals in a VALUES block that
// opens the WHERE clause, as `dutygraph query --param` binds them (dutygraph.ask.query).
(function () {
  "use strict";
  var root = document.querySelector(".workbench");
  var endpoint = root.dataset.endpoint
    ? new URL(root.dataset.endpoint, window.location.href).href : "";
  var catalogue = JSON.parse(document.getElementById("catalogue").textContent);
  // Completion of prefixes from the workbench's own list (prefixes.json), of variables; not
  // of classes and properties, which YASQE asks of LOV on the web. Set as defaults: YASGUI
  // merges a tab's list of completers into the default list item by item.
  // A static site opened from file:// cannot fetch a file: there, variables only.
  if (root.dataset.prefixes) {
    Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
    Yasgui.Yasqe.defaults.prefixCcApi = new URL(root.dataset.prefixes, window.location.href).href;
  } else {
    Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  }
  Yasgui.Yasqe.defaults.value = JSON.parse(document.getElementById("starter").textContent);
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: {
      getData: function () { return endpoint ? [{ endpoint: endpoint }] : []; },
    },
  });
  // Tables in YASR's simple view (values without their datatypes, 132 rather than
  // "132"^^xsd:integer), so that numbers read, and sort, as numbers.
  function simpleView(tab) {
    var yasr = tab && tab.getYasr();
    if (yasr && yasr.plugins.table) yasr.plugins.table.persistentConfig.compact = true;
  }
  simpleView(yasgui.getTab());
  yasgui.on("tabAdd", function (instance, id) { simpleView(yasgui.getTab(id)); });
  var form = document.getElementById("parameters");
  var fields = document.getElementById("parameter-fields");
  var current = null;

  function stringLiteral(value) {
    // JSON's string escapes (\" \\ \n \uXXXX …) are SPARQL's too.
    return JSON.stringify(String(value));
  }

  function bind(query, values) {
    var names = Object.keys(values);
    if (!names.length) return query;
    var block = names.map(function (name) {
      return "VALUES ?" + name + " { " + stringLiteral(values[name]) + " }";
    }).join(" ");
    var lines = query.split("\n"), offset = 0;
    for (var i = 0; i < lines.length; i++) {
      var match = lines[i].trim().startsWith("#") ? null : /\bWHERE\s*\{/i.exec(lines[i]);
      if (match) {
        var at = offset + match.index + match[0].length;
        return query.slice(0, at) + "\n  " + block + "\n" + query.slice(at);
      }
      offset += lines[i].length + 1;
    }
    return query;
  }

  function choose(index) {
    current = catalogue[index];
    var tab = yasgui.getTab();
    tab.setQuery(current.query);
    fields.textContent = "";
    current.parameters.forEach(function (name) {
      var label = document.createElement("label");
      label.textContent = name + " ";
      var input = document.createElement("input");
      input.name = name;
      // An optional parameter (a scope: document, district, year …) may stay empty.
      input.required = current.required.indexOf(name) >= 0;
      label.appendChild(input);
      fields.appendChild(label);
    });
    form.hidden = current.parameters.length === 0;
    document.querySelectorAll("#catalogue-list .entry").forEach(function (button) {
      button.classList.toggle("chosen", button.dataset.index === String(index));
    });
  }

  document.querySelectorAll("#catalogue-list .entry").forEach(function (button) {
    button.addEventListener("click", function () { choose(Number(button.dataset.index)); });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var values = {};
    fields.querySelectorAll("input").forEach(function (input) {
      // An optional parameter left empty stays unbound: the query then asks of every document.
      if (input.required || input.value !== "") values[input.name] = input.value;
    });
    var tab = yasgui.getTab();
    tab.setQuery(bind(current.query, values));
    tab.getYasqe().query();
  });
  yasgui.on("queryResponse", function () { window.dutygraph.responses += 1; });
  window.dutygraph = { yasgui: yasgui, bind: bind, choose: choose, responses: 0, ready: true };
})();
