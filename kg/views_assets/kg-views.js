// Draws one view from its JSON block and wires the search box. Article text only ever reaches the
// page as canvas text, as a tooltip string (shown by vis.js with innerText) or via textContent.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.kgView = { network: network, nodes: nodes, edges: edges };  // for the console and tests
  network.once("afterDrawing", function () {
    container.setAttribute("data-drawn-nodes", String(Object.keys(network.getPositions()).length));
  });
  network.fit();

  var box = document.getElementById("kg-search");
  var count = document.getElementById("kg-search-count");
  var matches = [];
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    matches = q ? data.nodes.filter(function (n) { return n.search.indexOf(q) >= 0; })
                         .map(function (n) { return n.id; }) : [];
    var hit = {};
    matches.forEach(function (id) { hit[id] = true; });
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: !q || hit[n.id] ? 1 : 0.15 };
    }));
    network.selectNodes(matches);
    count.textContent = q ? matches.length + " 个匹配" : "";
  });
  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && matches.length) {
      network.fit({ nodes: matches, animation: false });
    }
  });
})();
