// kg serve: a small force-directed view of one case, drawn in SVG. No dependencies.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = {
    patient: "#1f5f99", diagnosis: "#b3261e", finding: "#e07b00", test: "#6a4c93", drug: "#2a9d8f",
    procedure: "#8d6e63", organism: "#c2185b", outcome: "#33691e", fact: "#455a64", term: "#9aa5b1"
  };
  var svg = document.getElementById("graph");
  if (!svg) { return; }

  function element(name, attributes, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    parent.appendChild(node);
    return node;
  }

  function legend(kinds) {
    var box = document.getElementById("legend");
    kinds.forEach(function (kind) {
      var item = document.createElement("span");
      item.style.setProperty("--swatch", COLOURS[kind] || "#999");
      item.textContent = kind;
      box.appendChild(item);
    });
  }

  function layout(nodes, links, width, height) {
    // Fruchterman-Reingold with a weak pull to the centre and a cooling step: enough for a few hundred nodes.
    var k = Math.sqrt((width * height) / Math.max(1, nodes.length)) * 0.45;
    var cx = width / 2, cy = height / 2;
    nodes.forEach(function (n, i) {
      var angle = (2 * Math.PI * i) / nodes.length, ring = n.kind === "term" ? 0.45 : 0.25;
      n.x = cx + width * ring * Math.cos(angle);
      n.y = cy + height * ring * Math.sin(angle);
    });
    var heat = width / 10;
    for (var step = 0; step < 300; step += 1) {
      nodes.forEach(function (n) { n.dx = (cx - n.x) * 0.02 * k / 10; n.dy = (cy - n.y) * 0.02 * k / 10; });
      for (var i = 0; i < nodes.length; i += 1) {
        for (var j = i + 1; j < nodes.length; j += 1) {
          var a = nodes[i], b = nodes[j];
          var dx = a.x - b.x, dy = a.y - b.y, d = Math.max(0.01, Math.sqrt(dx * dx + dy * dy));
          var push = (k * k) / d;
          a.dx += (dx / d) * push; a.dy += (dy / d) * push;
          b.dx -= (dx / d) * push; b.dy -= (dy / d) * push;
        }
      }
      links.forEach(function (l) {
        var dx = l.source.x - l.target.x, dy = l.source.y - l.target.y, d = Math.max(0.01, Math.sqrt(dx * dx + dy * dy));
        var pull = ((d * d) / k) * (l.relation === "aboutPatient" ? 0.15 : 1);  // the patient hub would pull every fact in
        l.source.dx -= (dx / d) * pull; l.source.dy -= (dy / d) * pull;
        l.target.dx += (dx / d) * pull; l.target.dy += (dy / d) * pull;
      });
      nodes.forEach(function (n) {
        var d = Math.max(0.01, Math.sqrt(n.dx * n.dx + n.dy * n.dy)), move = Math.min(d, heat);
        n.x += (n.dx / d) * move;
        n.y += (n.dy / d) * move;
      });
      heat *= 0.985;
    }
  }

  function fit(nodes) {
    // The view box around the drawing, with room for labels on the right.
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var left = Math.min.apply(null, xs) - 20, top = Math.min.apply(null, ys) - 20;
    var width = Math.max.apply(null, xs) - left + 160, height = Math.max.apply(null, ys) - top + 20;
    svg.setAttribute("viewBox", [left, top, width, height].join(" "));
  }

  function draw(data) {
    var width = svg.clientWidth || 900, height = svg.clientHeight || 600;
    var byId = {};
    data.nodes.forEach(function (n) { byId[n.id] = n; n.degree = 0; n.links = []; });
    var links = data.links.map(function (l) {
      var link = { source: byId[l.source], target: byId[l.target], relation: l.relation };
      [link.source, link.target].forEach(function (n) { n.degree += 1; n.links.push(link); });
      return link;
    });
    layout(data.nodes, links, width, height);
    fit(data.nodes);
    var edgeLayer = element("g", {}, svg), nodeLayer = element("g", {}, svg);
    links.forEach(function (l) {
      l.line = element("line", {}, edgeLayer);
      element("title", {}, l.line).textContent = l.relation;
    });
    data.nodes.forEach(function (n) {
      var radius = n.kind === "patient" ? 12 : Math.min(10, 4 + Math.sqrt(n.degree) * 1.5);
      n.group = element("g", { "class": "node " + n.kind }, nodeLayer);
      n.circle = element("circle", { r: radius, fill: COLOURS[n.kind] || "#999", "data-kind": n.kind }, n.group);
      if (n.href) { n.circle.classList.add("link"); }
      if (/\(absent\)$/.test(n.label)) { n.circle.classList.add("negated"); }
      element("title", {}, n.circle).textContent = n.label + " (" + n.kind + ")";
      var text = element("text", { x: radius + 3, y: 3 }, n.group);
      text.textContent = n.label.length > 40 ? n.label.slice(0, 39) + "…" : n.label;
      drag(n);
    });
    place(data.nodes, links);
    legend(Object.keys(COLOURS).filter(function (kind) { return data.nodes.some(function (n) { return n.kind === kind; }); }));
  }

  function place(nodes, links) {
    links.forEach(function (l) {
      l.line.setAttribute("x1", l.source.x); l.line.setAttribute("y1", l.source.y);
      l.line.setAttribute("x2", l.target.x); l.line.setAttribute("y2", l.target.y);
    });
    nodes.forEach(function (n) { n.group.setAttribute("transform", "translate(" + n.x + "," + n.y + ")"); });
  }

  function drag(node) {
    var moved = false;
    node.circle.addEventListener("pointerdown", function (event) {
      moved = false;
      node.circle.setPointerCapture(event.pointerId);
    });
    node.circle.addEventListener("pointermove", function (event) {
      if (!node.circle.hasPointerCapture(event.pointerId)) { return; }
      var point = svg.createSVGPoint();
      point.x = event.clientX; point.y = event.clientY;
      var local = point.matrixTransform(svg.getScreenCTM().inverse());
      node.x = local.x; node.y = local.y; moved = true;
      place([node], node.links);
    });
    node.circle.addEventListener("click", function () {
      if (!moved && node.href) { window.location.href = node.href; }
    });
  }

  fetch(svg.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (response) { if (!response.ok) { throw new Error(response.statusText); } return response.json(); })
    .then(function (data) {
      draw(data);
      svg.setAttribute("data-ready", "true");
    })
    .catch(function (error) {
      var note = document.createElement("p");
      note.className = "error";
      note.textContent = "The graph could not be loaded: " + error.message;
      svg.parentNode.insertBefore(note, svg);
    });
}());
