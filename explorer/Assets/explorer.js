// The explorer's only script, inline in every page and in reports: sorts and filters the trial table,
// switches the scatter's pair, follows a live sweep over server-sent events (replacing the page body,
// never reloading) and sends Cancel / Pause / Resume. Marks the page ready for tests and timing.
(function () {
  "use strict";
  var mode = document.body.dataset.mode, sweep = document.body.dataset.sweep, trial = document.body.dataset.trial;
  var state = { sort: "rank", asc: true, status: "", shown: 200 };

  function base() { return "/sweeps/" + encodeURIComponent(sweep); }

  function renderTable() {
    var holder = document.getElementById("trial-data"), table = document.getElementById("trial-table");
    if (!holder || !table) return;
    var data = JSON.parse(holder.textContent), rows = data.rows;
    if (state.status) rows = rows.filter(function (r) { return r.status === state.status; });
    var key = state.sort, dir = state.asc ? 1 : -1;
    rows = rows.slice().sort(function (a, b) {
      var x = key in a ? a[key] : a.params[key], y = key in b ? b[key] : b.params[key];
      if (x === y) return a.rank - b.rank;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      var nx = parseFloat(x), ny = parseFloat(y);
      if (!isNaN(nx) && !isNaN(ny)) return (nx - ny) * dir;
      return String(x) < String(y) ? -dir : dir;
    });
    // Built node by node: names and values come from the spec and the trainers, so none is ever parsed as markup.
    var columns = ["rank", "id", "status", "value", "epochs"].concat(data.params);
    var names = { value: data.objective };
    var head = el("thead"), headRow = head.appendChild(el("tr"));
    columns.forEach(function (c) {
      var th = headRow.appendChild(el("th", c === state.sort ? "sorted" + (state.asc ? " asc" : "") : "", names[c] || c));
      th.dataset.key = c;
    });
    var body = el("tbody");
    rows.slice(0, state.shown).forEach(function (r) {
      var tr = body.appendChild(el("tr", "trial-row"));
      tr.dataset.trial = r.id; tr.dataset.status = r.status;
      tr.appendChild(el("td", "", r.rank));
      var idCell = tr.appendChild(el("td"));
      if (mode === "live") { var a = idCell.appendChild(el("a", "", r.id)); a.href = base() + "/trials/" + encodeURIComponent(r.n); } else idCell.textContent = r.id;
      tr.appendChild(el("td")).appendChild(el("span", "badge " + r.status, r.status));
      tr.appendChild(el("td", "", r.value === null ? "-" : Number(r.value).toPrecision(4)));
      tr.appendChild(el("td", "", r.epochs));
      data.params.forEach(function (p) { tr.appendChild(el("td", "", r.params[p] === undefined ? "-" : r.params[p])); });
    });
    table.replaceChildren(head, body);
    var count = document.getElementById("table-count");
    if (count) count.textContent = rows.length > state.shown ? "showing " + state.shown + " of " + rows.length : rows.length + " trials";
    var filter = document.getElementById("status-filter");
    if (filter) filter.value = state.status;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  // Markup rendered by this server (every name and value in it escaped there) replaces a part of the page.
  function swap(holder, html) {
    if (!holder) return;
    holder.replaceChildren.apply(holder, Array.from(new DOMParser().parseFromString(html, "text/html").body.childNodes));
  }

  function csrf() { var m = document.querySelector("meta[name=hypersearch-csrf]"); return m ? m.content : ""; }

  function pair() {
    var x = document.getElementById("scatter-x"), y = document.getElementById("scatter-y");
    return x && y ? { x: x.value, y: y.value } : null;
  }

  function showPair() {
    var p = pair(); if (!p) return;
    var key = p.x + "|" + p.y, found = false;
    document.querySelectorAll("#scatter-pairs .pair").forEach(function (el) { el.hidden = el.dataset.pair !== key; if (!el.hidden) found = true; });
    if (!found && mode === "live") {
      fetch(base() + "/scatter?x=" + encodeURIComponent(p.x) + "&y=" + encodeURIComponent(p.y)).then(function (r) { return r.text(); })
        .then(function (html) { swap(document.getElementById("scatter-pairs"), html); });
    }
  }

  document.addEventListener("click", function (e) {
    var th = e.target.closest("#trial-table th");
    if (th) { var k = th.dataset.key; state.asc = state.sort === k ? !state.asc : k === "rank" || k === "id"; state.sort = k; renderTable(); return; }
    var button = e.target.closest("button[data-action]");
    if (button && mode === "live") {
      button.disabled = true;
      fetch("/api/sweeps/" + encodeURIComponent(sweep) + "/" + button.dataset.action, { method: "POST", headers: { "X-HyperSearch-Csrf": csrf() } })
        .then(function (r) { return r.ok ? r.json() : r.text().then(function (t) { return { status: t.trim() }; }); })
        .then(function (j) { document.getElementById("action-result").textContent = button.dataset.action + ": " + j.status; })
        .finally(function () { button.disabled = false; });
    }
  });
  document.addEventListener("change", function (e) {
    if (e.target.id === "status-filter") { state.status = e.target.value; renderTable(); }
    if (e.target.id === "scatter-x" || e.target.id === "scatter-y") showPair();
  });

  // One tooltip for every chart: a mark carries only its trial id; the figures come from the table data.
  var tip = document.createElement("div"); tip.className = "tip"; tip.hidden = true; document.body.appendChild(tip);
  var byId = null, byIdSource = null;
  document.addEventListener("mouseover", function (e) {
    var mark = e.target.closest && e.target.closest("svg [data-trial]");
    if (!mark) { tip.hidden = true; return; }
    var holder = document.getElementById("trial-data");
    if (!holder) return;
    if (byIdSource !== holder) {
      byIdSource = holder; byId = {};
      var data = JSON.parse(holder.textContent); byId.objective = data.objective;
      data.rows.forEach(function (r) { byId[r.id] = r; });
    }
    var r = byId[mark.dataset.trial];
    if (!r) return;
    tip.textContent = r.id + " (" + r.status + ", " + r.epochs + " epochs) " + byId.objective + "=" + (r.value === null ? "-" : Number(r.value).toPrecision(4)) + " " +
      Object.keys(r.params).map(function (k) { return k + "=" + r.params[k]; }).join(" ");
    tip.style.left = (e.clientX + 12) + "px"; tip.style.top = (e.clientY + 12) + "px"; tip.hidden = false;
  });

  function ready() { renderTable(); document.body.dataset.ready = String(Date.now()); window.explorerRenders = (window.explorerRenders || 0) + 1; }

  if (mode === "live" && sweep) {
    // Follows the sweep: each event names a new version; the body is fetched again and swapped in.
    var url = trial ? base() + "/trials/" + trial + "/body" : base() + "/body";
    var events = new EventSource("/api/sweeps/" + encodeURIComponent(sweep) + "/events"), first = true, busy = false;
    events.onmessage = function () {
      if (first) { first = false; return; }  // the page was rendered at this version already
      if (busy) return; busy = true;
      var p = pair(), q = p ? "?x=" + encodeURIComponent(p.x) + "&y=" + encodeURIComponent(p.y) : "";
      fetch(url + q).then(function (r) { return r.text(); }).then(function (html) {
        var y = window.scrollY; swap(document.getElementById("body"), html); window.scrollTo(0, y); ready();
      }).finally(function () { busy = false; });
    };
  } else if (mode === "live") {
    setInterval(function () {
      fetch("/body").then(function (r) { return r.text(); }).then(function (html) { swap(document.getElementById("body"), html); });
    }, 5000);
  }
  ready();
})();
