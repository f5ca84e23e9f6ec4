/* bilat web pages: what script adds to pages that read without it.
   - pair page: the timeline filters apply as they change, to the list and the chart of
     events per year together (the rules of serve/ui/timeline_filter.py, the chart of
     serve/ui/charts.py: keep them in step);
   - upload page: files sent to POST /api/ingest with the token as a bearer header, the job
     followed until done. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  function niceStep(span, ticks) {
    if (span <= 0) return 1;
    var raw = span / ticks, power = Math.pow(10, Math.floor(Math.log10(raw)));
    var ms = [1, 2, 5, 10];
    for (var i = 0; i < ms.length; i++) if (ms[i] * power >= raw) return ms[i] * power;
    return 10 * power;
  }

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // charts.py year_chart, drawn again
  function yearChart(counts, title, undated) {
    var H = 200, L = 34, R = 8, T = 18, B = 26, STEP = 56, WMIN = 360;
    var n = counts.length, width = Math.max(WMIN, L + R + STEP * n);
    var plotH = H - T - B, base = T + plotH;
    var top = Math.max.apply(null, counts.map(function (c) { return c[1]; }).concat([1]));
    var step = Math.max(1, Math.floor(niceStep(top, 4)));
    var last = step * Math.ceil(top / step), scale = last ? plotH / last : 0;
    var svg = el("svg", {"class": "chart", role: "img", "aria-label": title, width: width,
                         height: H, viewBox: "0 0 " + width + " " + H});
    svg.appendChild(el("title", {}, title));
    for (var t = 0; t <= last; t += step) {
      var y = base - t * scale;
      svg.appendChild(el("line", {"class": "grid", x1: L, y1: y.toFixed(1), x2: width - R,
                                  y2: y.toFixed(1)}));
      svg.appendChild(el("text", {"class": "tick", x: L - 5, y: (y + 4).toFixed(1),
                                  "text-anchor": "end"}, String(t)));
    }
    svg.appendChild(el("path", {"class": "axis", d: "M" + L + " " + T + " V" + base + " H" +
                                (width - R)}));
    var slot = (width - L - R) / Math.max(1, n), barW = Math.min(30, slot * 0.6);
    counts.forEach(function (c, i) {
      var cx = L + slot * (i + 0.5), bh = c[1] * scale;
      var label = c[0] === null ? undated : String(c[0]);
      var g = el("g", {"class": "bar", "data-year": c[0] === null ? "" : c[0],
                       "data-count": c[1]});
      var rect = el("rect", {x: (cx - barW / 2).toFixed(1), y: (base - bh).toFixed(1),
                             width: barW.toFixed(1), height: Math.max(bh, 0.5).toFixed(1)});
      rect.appendChild(el("title", {}, label + ": " + c[1]));
      g.appendChild(rect);
      g.appendChild(el("text", {"class": "value", x: cx.toFixed(1),
                                y: (base - bh - 4).toFixed(1), "text-anchor": "middle"},
                       String(c[1])));
      g.appendChild(el("text", {"class": "label", x: cx.toFixed(1), y: (base + 16).toFixed(1),
                                "text-anchor": "middle"}, label));
      svg.appendChild(g);
    });
    return svg;
  }

  // timeline_filter.py matches()
  function matches(row, f) {
    if (f.type && row.type !== f.type) return false;
    if (f.status && row.status !== f.status) return false;
    if (f.srclang && row.langs.indexOf(f.srclang) < 0) return false;
    if (f.from && (row.year === null || row.year < +f.from)) return false;
    if (f.to && (row.year === null || row.year > +f.to)) return false;
    return true;
  }

  function yearCounts(rows) {
    var counts = {}, undated = 0, years = [];
    rows.forEach(function (r) {
      if (r.year === null) { undated++; return; }
      if (!(r.year in counts)) { counts[r.year] = 0; years.push(r.year); }
      counts[r.year]++;
    });
    years.sort(function (a, b) { return a - b; });
    var out = years.map(function (y) { return [y, counts[y]]; });
    if (undated) out.push([null, undated]);
    return out;
  }

  function timeline() {
    var form = document.getElementById("tl-filter");
    var data = document.getElementById("tl-data");
    if (!form || !data) return;
    var rows = JSON.parse(data.textContent);
    var items = {};
    Array.prototype.forEach.call(document.querySelectorAll("#tl-list > li"), function (li) {
      items[li.getAttribute("data-id")] = li;
    });
    var box = document.getElementById("tl-chart");
    var count = document.getElementById("tl-count");
    var none = document.getElementById("tl-none");
    var selects = form.querySelectorAll("select[data-filter]");

    function apply() {
      var f = {}, params = new URLSearchParams(location.search);
      Array.prototype.forEach.call(selects, function (s) {
        f[s.name] = s.value;
        if (s.value) params.set(s.name, s.value); else params.delete(s.name);
      });
      var kept = rows.filter(function (r) {
        var ok = matches(r, f);
        if (items[r.id]) items[r.id].hidden = !ok;
        return ok;
      });
      var old = box.querySelector("svg");
      var chart = yearChart(yearCounts(kept), box.getAttribute("data-title"),
                            box.getAttribute("data-undated"));
      if (old) box.replaceChild(chart, old); else box.appendChild(chart);
      count.textContent = count.getAttribute("data-template")
        .replace("{n}", kept.length).replace("{total}", rows.length);
      none.hidden = kept.length > 0;
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") +
                           "#timeline");
    }

    Array.prototype.forEach.call(selects, function (s) {
      s.addEventListener("change", apply);
    });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
    var reset = document.getElementById("tl-reset");
    if (reset) reset.addEventListener("click", function (ev) {
      ev.preventDefault();
      Array.prototype.forEach.call(selects, function (s) { s.value = ""; });
      apply();
    });
  }

  function upload() {
    var form = document.getElementById("upload");
    if (!form) return;
    var words = JSON.parse(form.getAttribute("data-messages"));
    var job = document.getElementById("job");
    var bar = document.getElementById("job-progress");
    var state = document.getElementById("job-state");
    var errors = document.getElementById("job-errors");
    var links = document.getElementById("job-links");

    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (m, k) {
        return k in values ? String(values[k]) : m;
      });
    }

    function link(href, text) {
      var a = document.createElement("a");
      a.href = href; a.textContent = text;
      return a;
    }

    function show(s) {
      job.hidden = false;
      bar.max = Math.max(1, s.total || 0);
      bar.value = s.done || 0;
      state.textContent = fill(words[s.state] || s.state, s);
      errors.textContent = "";
      (s.errors || []).forEach(function (e) {
        var li = document.createElement("li");
        li.textContent = words.errors + ": " + e.input + " — " + e.reason;
        errors.appendChild(li);
      });
      if (s.state === "done") {
        links.textContent = "";
        links.appendChild(link("/", words.see));
        links.appendChild(document.createTextNode(" · "));
        links.appendChild(link("/documents", document.querySelector(
          'nav a[href="/documents"]').textContent));
        newEvents();
      }
    }

    // The merged events added since the upload began (GET /api/changes), each linking to
    // its page; nothing more than the links above when the API does not answer so.
    var started = null, headers = {};
    function newEvents() {
      var list = document.getElementById("job-events");
      fetch("/api/changes?since=" + encodeURIComponent(started), {headers: headers})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (page) {
          var added = (page.changes || []).filter(function (c) { return c.change === "added"; })
            .slice(0, 50);
          list.textContent = "";
          added.forEach(function (c) {
            var li = document.createElement("li");
            var a = link("/events/" + encodeURIComponent(c.id), c.id);
            li.appendChild(a);
            list.appendChild(li);
            fetch("/api/events/" + encodeURIComponent(c.id), {headers: headers})
              .then(function (r) { return r.ok ? r.json() : null; })
              .then(function (e) {
                if (e) a.textContent = (e.date_start ? e.date_start + " — " : "") +
                  (e.evidence || c.id);
              }).catch(function () {});
          });
          list.hidden = !added.length;
          document.getElementById("job-events-head").hidden = !added.length;
        }).catch(function () {});
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var files = form.querySelector("input[type=file]").files;
      if (!files.length) { job.hidden = false; state.textContent = words.need_files; return; }
      var body = new FormData();
      Array.prototype.forEach.call(files, function (f) { body.append("files", f, f.name); });
      var token = form.querySelector("input[name=token]").value.trim();
      headers = token ? {"Authorization": "Bearer " + token} : {};
      // a margin for a server whose clock runs behind this one
      started = new Date(Date.now() - 120000).toISOString();
      show({state: "queued", done: 0, total: files.length});
      fetch(form.getAttribute("action"), {method: "POST", body: body, headers: headers})
        .then(function (r) {
          if (r.status !== 202) throw new Error(fill(words.refused, {status: r.status}));
          return r.json();
        })
        .then(function (answer) {
          var url = form.getAttribute("action") + "/" + encodeURIComponent(answer.job);
          function poll() {
            fetch(url, {headers: headers}).then(function (r) {
              if (!r.ok) throw new Error(fill(words.refused, {status: r.status}));
              return r.json();
            }).then(function (s) {
              show(s);
              if (s.state !== "done" && s.state !== "failed") setTimeout(poll, 500);
            }).catch(function (e) { state.textContent = e.message; });
          }
          poll();
        })
        .catch(function (e) { job.hidden = false; state.textContent = e.message; });
    });
  }

  timeline();
  upload();
})();
