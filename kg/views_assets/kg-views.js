// Draws one view from its JSON block: the network, the node names, the search box and the details
// panel. Article text only ever reaches the page as canvas text, as a tooltip string (shown by vis.js
// with innerText) or via textContent; links are built with the DOM, and only to http(s) addresses.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var byRank = data.nodes.slice().sort(function (a, b) { return a.rank - b.rank; });
  var state = { hits: null, selected: null };  // search hits (id -> true) or null; the clicked node
  // for the console and tests; names: [node id, left, top, right, bottom] in CSS pixels of the canvas
  window.kgView = { network: network, nodes: nodes, edges: edges, names: [] };

  // ---- names on the canvas ------------------------------------------------------------------------
  // Drawn at a fixed screen size, in priority order (selection and its neighbours, search hits, then
  // the page's rank), each only where it covers no other name and no named node. The landmarks (tier
  // 0-2: the centre, the largest projects, chains, counties, parks) may cover small unnamed nodes of
  // tier 2 or 3, their white halo keeping both readable, or a dense core would stay nameless; other
  // names may not.
  var LABEL_PX = 12, SMALL = 9, CELL = 64;  // CSS pixels: name size, a small node's radius, grid cell
  var FACE = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif";
  var widths = {};

  function Grid(cell) {
    this.cell = cell;
    this.cells = {};
  }
  Grid.prototype.keys = function (r) {
    var out = [];
    for (var i = Math.floor(r[0] / this.cell); i <= Math.floor(r[2] / this.cell); i++) {
      for (var j = Math.floor(r[1] / this.cell); j <= Math.floor(r[3] / this.cell); j++) {
        out.push(i + "," + j);
      }
    }
    return out;
  };
  Grid.prototype.add = function (r) {
    var cells = this.cells;
    this.keys(r).forEach(function (k) { (cells[k] = cells[k] || []).push(r); });
  };
  Grid.prototype.free = function (r, soft) {  // r[4] is the owner: a name may cover its own node
    var cells = this.cells;                    // soft: may cover the boxes marked soft (o[5])
    return this.keys(r).every(function (k) {
      return (cells[k] || []).every(function (o) {
        return o[4] === r[4] || (soft && o[5]) || o[2] < r[0] || o[0] > r[2] || o[3] < r[1] || o[1] > r[3];
      });
    });
  };

  function priority() {
    var first = [];
    if (state.selected && byId[state.selected]) {
      first.push(byId[state.selected]);
      network.getConnectedNodes(state.selected).forEach(function (id) { first.push(byId[id]); });
    }
    var hits = state.hits ? byRank.filter(function (n) { return state.hits[n.id]; }) : [];
    return first.concat(hits, byRank);
  }

  function drawNames(ctx) {
    var m = ctx.getTransform(), scale = network.getScale(), ratio = m.a / scale;
    var w = ctx.canvas.width, h = ctx.canvas.height, px = LABEL_PX * ratio, gap = 2 * ratio;
    var pos = network.getPositions(), grid = new Grid(CELL * ratio), done = {}, drawn = [];
    data.nodes.forEach(function (n) {
      var p = pos[n.id], x = m.a * p.x + m.e, y = m.d * p.y + m.f, r = n.size * m.a;
      grid.add([x - r, y - r, x + r, y + r, n.id, r < SMALL * ratio && n.tier > 1]);
    });
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    priority().forEach(function (n) {
      if (done[n.id] || (state.hits && !state.hits[n.id] && n.id !== state.selected)) { return; }
      done[n.id] = true;
      var p = pos[n.id], x = m.a * p.x + m.e, y = m.d * p.y + m.f, r = n.size * m.a;
      if (x < 0 || x > w || y < 0 || y > h) { return; }
      var disc = [x - r, y - r, x + r, y + r, n.id];
      var font = (n.tier <= 1 ? "bold " : "") + px + "px " + FACE, soft = n.tier <= 2;
      ctx.font = font;
      var key = font + "\u0000" + n.name;
      var tw = widths[key] || (widths[key] = ctx.measureText(n.name).width), th = px * 1.3;
      var spots = [];  // below, above, right, left of the node, its corners; then the same a line further out
      var rings = n.tier <= 1 ? [gap, gap + th, gap + 2 * th, gap + 3 * th] : [gap, gap + th];  // landmarks look further
      rings.forEach(function (g) {
        var d = r * 0.7 + g;
        spots.push([x - tw / 2, y + r + g], [x - tw / 2, y - r - g - th], [x + r + g, y - th / 2],
                   [x - r - g - tw, y - th / 2], [x + d, y + d], [x + d, y - d - th], [x - d - tw, y + d],
                   [x - d - tw, y - d - th]);
      });
      spots = spots.map(function (c) { return [c[0], c[1], c[0] + tw, c[1] + th, n.id]; });
      var place = spots.filter(function (b) {
        return b[0] >= 0 && b[2] <= w && b[1] >= 0 && b[3] <= h && grid.free(b, soft);
      })[0];
      if (!place && n.id === state.selected) { place = spots[0]; }
      if (!place || !grid.free(disc, true)) { return; }
      grid.add(place);
      grid.add(disc);
      ctx.lineWidth = 3 * ratio;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(n.name, (place[0] + place[2]) / 2, place[1]);
      ctx.fillStyle = "#222222";
      ctx.fillText(n.name, (place[0] + place[2]) / 2, place[1]);
      drawn.push([n.id].concat(place.slice(0, 4).map(function (v) { return v / ratio; })));
    });
    ctx.restore();
    window.kgView.names = drawn;
  }

  network.on("afterDrawing", drawNames);
  network.once("afterDrawing", function () {
    container.setAttribute("data-drawn-nodes", String(Object.keys(network.getPositions()).length));
  });
  network.fit();

  // ---- the details panel --------------------------------------------------------------------------
  var panel = document.getElementById("kg-details");
  var intro = Array.prototype.slice.call(panel.childNodes);

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function nodeButton(id, label) {
    if (!byId[id]) { return el("span", "other", label); }
    var b = el("button", "other", label);
    b.type = "button";
    b.addEventListener("click", function () { choose(id, true); });
    return b;
  }

  function source(fact) {  // "article title（date）", the title linking to the article when it has a web address
    var p = el("div", "src"), doc = data.docs[fact.d];
    if (doc && doc.url) {
      var a = el("a", "", doc.title);
      a.href = doc.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      p.appendChild(a);
    } else {
      p.appendChild(document.createTextNode(doc ? doc.title : fact.d));
    }
    if (fact.t) { p.appendChild(document.createTextNode("（" + fact.t + "）")); }
    return p;
  }

  function factItem(fact) {
    var li = el("li", fact.pref ? "fact preferred" : "fact");
    var head = el("div", "value");
    head.appendChild(el("span", "mark", fact.pref ? "★" : "·"));
    head.appendChild(document.createTextNode(fact.v + (fact.x ? "（" + fact.x + "）" : "")));
    li.appendChild(head);
    if (fact.q) { li.appendChild(el("blockquote", "", fact.q)); }
    if (fact.d) { li.appendChild(source(fact)); }
    return li;
  }

  function section(title, items) {
    if (!items.length) { return; }
    panel.appendChild(el("h3", "", title));
    var ul = el("ul");
    items.forEach(function (i) { ul.appendChild(i); });
    panel.appendChild(ul);
  }

  function showNode(id) {
    var d = data.details[id];
    panel.textContent = "";
    panel.appendChild(el("h2", "", d.label));
    panel.appendChild(el("p", "kind", d.kind + (d.alt.length ? " · 别名：" + d.alt.join("、") : "")));
    if (d.en) panel.appendChild(el("p", "english", d.en));
    var pages = d.pages.filter(function (p) { return p[0] !== data.file; });
    if (pages.length) {
      var links = el("p", "pages", "页面：");
      pages.forEach(function (p, i) {
        var a = el("a", "", p[1]);
        a.href = p[0];
        if (i) { links.appendChild(document.createTextNode(" · ")); }
        links.appendChild(a);
      });
      panel.appendChild(links);
    }
    var groups = [], byProp = {};
    d.facts.forEach(function (f) {
      if (!byProp[f.p]) { byProp[f.p] = []; groups.push(f.p); }
      byProp[f.p].push(f);
    });
    groups.forEach(function (p) { section(data.names[p] || p, byProp[p].map(factItem)); });
    section("关系", d.links.map(function (l) {
      var li = el("li", "link");
      li.appendChild(el("span", "rel", (l[0] === "out" ? "→ " : "← ") + (data.names[l[1]] || l[1]) + "："));
      li.appendChild(nodeButton(l[2], l[3]));
      return li;
    }));
    section("提及的文章", d.docs.map(function (k) {
      var li = el("li");
      li.appendChild(source({ d: k, t: data.docs[k] ? data.docs[k].date : "" }));
      return li;
    }));
    if (!d.facts.length) { panel.appendChild(el("p", "hint", "图中没有关于它的陈述。")); }
  }

  function showEdge(id) {
    var e = edges.get(id), d = data.details[e.from];
    panel.textContent = "";
    var h = el("h2");
    h.appendChild(nodeButton(e.from, data.details[e.from].label));
    h.appendChild(document.createTextNode(" → " + (data.names[e.rel] || e.rel) + " → "));
    h.appendChild(nodeButton(e.to, data.details[e.to].label));
    panel.appendChild(h);
    var facts = d.facts.filter(function (f) { return f.p === e.rel && f.o === e.to; });
    section("出处", facts.map(factItem));
    if (!facts.length) {
      panel.appendChild(el("p", "hint", "这条关系没有原文陈述（来自地名录或产业链分类）。"));
    }
  }

  function clear() {
    panel.textContent = "";
    intro.forEach(function (n) { panel.appendChild(n); });
  }

  function choose(id, move) {
    state.selected = id;
    network.selectNodes([id]);
    if (move) { network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false }); }
    showNode(id);
    network.redraw();
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      choose(params.nodes[0], false);
    } else {
      state.selected = null;
      if (params.edges.length) { showEdge(params.edges[0]); } else { clear(); }
      network.redraw();
    }
  });

  // ---- search -------------------------------------------------------------------------------------
  var box = document.getElementById("kg-search");
  var count = document.getElementById("kg-search-count");
  var matches = [];
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    matches = q ? data.nodes.filter(function (n) { return n.search.indexOf(q) >= 0; })
                         .map(function (n) { return n.id; }) : [];
    state.hits = q ? {} : null;
    matches.forEach(function (id) { state.hits[id] = true; });
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: !q || state.hits[n.id] ? 1 : 0.15 };
    }));
    network.selectNodes(matches);
    count.textContent = q ? matches.length + " 个匹配" : "";
    network.redraw();
  });
  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && matches.length) {
      network.fit({ nodes: matches, animation: false });
      if (matches.length === 1) { choose(matches[0], false); }
    }
  });
})();
