/* agp charts: draws an SVG chart from the data table inside each chart figure.
 *
 * Progressive enhancement. The server writes the figure with an accessible table; this script
 * (d3 v7, loaded before it) inserts an SVG before the table and leaves the table where it is.
 * Without JavaScript, or if the table holds no numbers, the page simply shows the table.
 *
 *   <figure class="chart" data-kind="line|bar" data-unit="%" data-target="90"
 *           data-target-label="Mål: minst 90 %" [data-target-kind="trend"]
 *           [data-axis-label="Andel (%)"]>
 *     <figcaption>…</figcaption>
 *     <div class="table-wrap"><table class="data chart-data">
 *       <thead><tr><th scope="col">Periode</th><th scope="col">Serie</th>…</tr></thead>
 *       <tbody><tr class="[current]"><th scope="row">2023</th>
 *         <td class="num [suppressed]" data-value="58.1">58,1</td>…</tr>…</tbody>
 *     </table></div>
 *   </figure>
 *   <figure class="spark" data-kind="spark"> … same table, class "visually-hidden" … </figure>
 *
 * data-value holds the number with a decimal point, or "" for a gap (missing or suppressed).
 * The Content-Security-Policy forbids inline styles: everything is set as SVG attributes and
 * classes (see the chart section of agp.css), never through element.style.
 */
(function () {
  "use strict";

  // Series are told apart by colour, dash pattern and marker shape together. Every colour has at
  // least 3:1 contrast against white (WCAG 1.4.11): 7.8, 5.5, 5.1, 7.6, 8.5, 4.9.
  var SERIES_COLOURS = ["#0b5394", "#b4451f", "#2e7d32", "#6a3d9a", "#4d4d4d", "#8a6d00"];
  var SERIES_DASHES = [null, "7 4", "2 3", "10 3 2 3", "4 2"];
  var TARGET_COLOUR = "#1a1a1a";
  var TARGET_DASH = "8 4";
  var BAR_COLOUR = "#0b5394";
  var BAR_CURRENT_COLOUR = "#b4451f";
  var CHART_HEIGHT = 260;
  var CHAR_WIDTH = 7; // rough width of one character of 12 px text, for layout only

  function symbolTypes(d3) {
    return [d3.symbolCircle, d3.symbolSquare, d3.symbolTriangle, d3.symbolDiamond,
            d3.symbolCross, d3.symbolWye];
  }

  function seriesStyle(d3, i) {
    var symbols = symbolTypes(d3);
    return {
      colour: SERIES_COLOURS[i % SERIES_COLOURS.length],
      dash: SERIES_DASHES[i % SERIES_DASHES.length],
      symbol: symbols[i % symbols.length],
    };
  }

  // ---- Reading the table ----------------------------------------------------------------------

  function textOf(node) {
    return node ? (node.textContent || "").replace(/\s+/g, " ").trim() : "";
  }

  // A Norwegian number as written in a cell ("1 234,5", "−3,2"), for tables without data-value.
  function parseNorwegian(text) {
    var s = text.replace(/[\s\u00a0\u202f]/g, "").replace(/\u2212/g, "-");
    if (!/^-?\d+(,\d+)?$/.test(s)) return null;
    var v = Number(s.replace(",", "."));
    return isFinite(v) ? v : null;
  }

  function cellValue(cell) {
    if (!cell || cell.classList.contains("suppressed")) return null;
    var raw = cell.getAttribute("data-value");
    if (raw === null) return parseNorwegian(textOf(cell));
    raw = raw.trim();
    if (raw === "") return null;
    var v = Number(raw);
    return isFinite(v) ? v : null;
  }

  // { labels: [...], current: [bool...], series: [{name, points: [{value, text, suppressed}]}] }
  function readTable(figure) {
    var table = figure.querySelector("table");
    if (!table) return null;
    var headRow = table.tHead && table.tHead.rows.length ? table.tHead.rows[0] : null;
    var rows = [];
    for (var b = 0; b < table.tBodies.length; b++) {
      var body = table.tBodies[b];
      for (var r = 0; r < body.rows.length; r++) rows.push(body.rows[r]);
    }
    if (!rows.length) return null;

    var names = headRow ? Array.prototype.slice.call(headRow.cells, 1).map(textOf) : [];
    var columns = names.length;
    rows.forEach(function (row) { columns = Math.max(columns, row.cells.length - 1); });
    if (columns < 1) return null;

    var labels = rows.map(function (row) { return textOf(row.cells[0]); });
    var current = rows.map(function (row) { return row.classList.contains("current"); });
    var series = [];
    for (var j = 0; j < columns; j++) {
      series.push({
        name: names[j] || "Serie " + (j + 1),
        points: rows.map(function (row) {
          var cell = row.cells[j + 1];
          return {
            value: cellValue(cell),
            text: textOf(cell),
            suppressed: !!cell && cell.classList.contains("suppressed"),
          };
        }),
      });
    }
    return { labels: labels, current: current, series: series };
  }

  function hasNumbers(points) {
    return points.some(function (p) { return p.value !== null; });
  }

  function numberAttr(figure, name) {
    var raw = figure.getAttribute(name);
    if (raw === null || raw.trim() === "") return null;
    var v = Number(raw.trim());
    return isFinite(v) ? v : null;
  }

  // The horizontal (line) or vertical (bar) target, unless the target is a trend.
  function targetOf(figure) {
    if ((figure.getAttribute("data-target-kind") || "").trim() === "trend") return null;
    return numberAttr(figure, "data-target");
  }

  // ---- Numbers in Norwegian -------------------------------------------------------------------

  var locale = null;
  function nb(d3) {
    if (!locale) {
      locale = d3.formatLocale({
        decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0kr"],
        minus: "\u2212",
      });
    }
    return locale;
  }

  function tickFormat(d3, scale, count) {
    var domain = scale.domain();
    var step = d3.tickStep(domain[0], domain[domain.length - 1], count);
    var precision = step > 0 ? d3.precisionFixed(step) : 0;
    return nb(d3).format(",." + Math.min(precision, 6) + "f");
  }

  function withUnit(text, unit) {
    return unit ? text + "\u00a0" + unit : text;
  }

  // The value as the server wrote it in the cell when it looks like a number, else formatted here.
  function valueText(d3, point, unit) {
    var text = /\d/.test(point.text) ? point.text : nb(d3).format(",.1~f")(point.value);
    if (unit && text.indexOf(unit) < 0) text = withUnit(text, unit);
    return text;
  }

  // ---- SVG helpers ----------------------------------------------------------------------------

  function newSvg(d3, className, width, height) {
    return d3.create("svg")
      .attr("class", className)
      .attr("viewBox", "0 0 " + width + " " + height)
      .attr("width", width)
      .attr("height", height)
      .attr("preserveAspectRatio", "xMinYMin meet")
      .attr("focusable", "false");
  }

  function caption(figure) {
    return textOf(figure.querySelector("figcaption"));
  }

  function sentence(text) {
    text = text.trim();
    return text && !/[.!?:]$/.test(text) ? text + "." : text;
  }

  function labelChart(svg, figure, summary) {
    var parts = [caption(figure), summary, figure.getAttribute("data-target-label") || ""];
    svg.attr("role", "img")
      .attr("aria-label", parts.filter(function (p) { return p.trim(); }).map(sentence).join(" "));
  }

  function truncate(text, maxChars) {
    if (text.length <= maxChars) return text;
    return text.slice(0, Math.max(1, maxChars - 1)) + "…";
  }

  // Where generated nodes go: before the table's wrapper, or before the table.
  function anchorOf(figure) {
    var table = figure.querySelector("table");
    if (!table) return null;
    var wrap = table.parentNode;
    return wrap && wrap !== figure && wrap.classList && wrap.classList.contains("table-wrap")
      ? wrap : table;
  }

  function insertBefore(figure, node) {
    var anchor = anchorOf(figure);
    anchor.parentNode.insertBefore(node, anchor);
  }

  function removeGenerated(figure) {
    var old = figure.querySelectorAll("[data-agp-chart]");
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
  }

  // ---- Line chart -----------------------------------------------------------------------------

  function drawLine(d3, figure, data, width) {
    var series = data.series.filter(function (s) { return hasNumbers(s.points); });
    if (!series.length) return false;
    var unit = (figure.getAttribute("data-unit") || "").trim();
    var target = targetOf(figure);
    var targetLabel = (figure.getAttribute("data-target-label") || "").trim();
    var n = data.labels.length;

    var values = [];
    series.forEach(function (s) {
      s.points.forEach(function (p) { if (p.value !== null) values.push(p.value); });
    });
    if (target !== null) values.push(target);
    var lo = d3.min(values), hi = d3.max(values);
    var pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
    var low = lo - pad, high = hi + pad;
    if (lo >= 0 && low < 0) low = 0;
    if (hi <= 0 && high > 0) high = 0;

    var y = d3.scaleLinear().domain([low, high]).nice(5);
    var format = tickFormat(d3, y, 5);
    var yTicks = y.ticks(5);
    var tickChars = d3.max(yTicks, function (t) { return format(t).length; }) || 1;

    var margin = { top: 30, right: 12, bottom: 34, left: Math.max(36, tickChars * CHAR_WIDTH + 16) };
    var innerW = Math.max(60, width - margin.left - margin.right);
    var innerH = CHART_HEIGHT - margin.top - margin.bottom;
    y.range([innerH, 0]);
    var x = d3.scalePoint().domain(d3.range(n)).range([0, innerW]).padding(n > 1 ? 0.3 : 0.5);

    // Thin out the period labels when they would collide.
    var labelChars = d3.max(data.labels, function (l) { return l.length; }) || 1;
    var fit = Math.max(1, Math.floor(innerW / (labelChars * CHAR_WIDTH + 12)));
    var every = Math.ceil(n / fit);
    var xTicks = d3.range(n).filter(function (i) {
      return i % every === 0 || (i === n - 1 && (n - 1) % every > every / 2);
    });

    var svg = newSvg(d3, "chart-svg chart-line", width, CHART_HEIGHT);
    var plot = svg.append("g").attr("transform", "translate(" + margin.left + "," + margin.top + ")");

    plot.append("g").attr("class", "axis axis-y")
      .call(d3.axisLeft(y).tickValues(yTicks).tickFormat(format).tickSize(-innerW).tickPadding(8));
    plot.append("g").attr("class", "axis axis-x")
      .attr("transform", "translate(0," + innerH + ")")
      .call(d3.axisBottom(x).tickValues(xTicks)
        .tickFormat(function (i) { return data.labels[i]; }).tickSizeOuter(0));
    var axisLabel = (figure.getAttribute("data-axis-label") || "").trim() ||
      (unit ? "Verdi (" + unit + ")" : "");
    if (axisLabel) {
      svg.append("text").attr("class", "axis-label").attr("x", 0).attr("y", 14).text(axisLabel);
    }

    if (target !== null) {
      var ty = y(target);
      plot.append("line").attr("class", "chart-target-line")
        .attr("x1", 0).attr("x2", innerW).attr("y1", ty).attr("y2", ty)
        .attr("stroke", TARGET_COLOUR).attr("stroke-width", 2).attr("stroke-dasharray", TARGET_DASH);
      if (targetLabel) {
        var above = ty > 16;
        plot.append("text").attr("class", "chart-target-label")
          .attr("x", innerW).attr("y", above ? ty - 6 : ty + 16)
          .attr("text-anchor", "end")
          .text(truncate(targetLabel, Math.floor(innerW / CHAR_WIDTH)));
      }
    }

    var line = d3.line()
      .defined(function (p) { return p.value !== null; })
      .x(function (p) { return x(p.i); })
      .y(function (p) { return y(p.value); });

    series.forEach(function (s, k) {
      var style = seriesStyle(d3, data.series.indexOf(s));
      var points = s.points.map(function (p, i) { return { i: i, value: p.value }; });
      var g = plot.append("g").attr("class", "chart-series");
      g.append("path").attr("d", line(points))
        .attr("fill", "none").attr("stroke", style.colour).attr("stroke-width", 2.5)
        .attr("stroke-linejoin", "round").attr("stroke-linecap", "round")
        .attr("stroke-dasharray", style.dash);
      var symbol = d3.symbol().type(style.symbol).size(k === 0 ? 64 : 56);
      g.selectAll("path.marker")
        .data(points.filter(function (p) { return p.value !== null; }))
        .join("path").attr("class", "marker")
        .attr("d", symbol)
        .attr("transform", function (p) { return "translate(" + x(p.i) + "," + y(p.value) + ")"; })
        .attr("fill", style.colour).attr("stroke", "#ffffff").attr("stroke-width", 1);
    });

    // Summary for the accessible name: the latest value of the first series with numbers.
    var first = series[0];
    var last = -1;
    first.points.forEach(function (p, i) { if (p.value !== null) last = i; });
    var summary = (series.length > 1 ? first.name + ": " : "") + "siste verdi " +
      valueText(d3, first.points[last], unit) + " i " + data.labels[last];
    labelChart(svg, figure, summary);

    var svgNode = svg.node();
    svgNode.setAttribute("data-agp-chart", "");
    insertBefore(figure, svgNode);
    insertBefore(figure, legend(d3, data.series, series, target !== null ? targetLabel || "Mål" : null));
    return true;
  }

  // The legend is HTML (so it wraps) with an SVG key that repeats colour, dash and marker.
  // It is hidden from assistive technology: the table headers name the series.
  function legend(d3, allSeries, shown, targetLabel) {
    var list = document.createElement("ul");
    list.className = "chart-legend";
    list.setAttribute("aria-hidden", "true");
    list.setAttribute("data-agp-chart", "");

    function item(name, draw) {
      var li = document.createElement("li");
      var key = newSvg(d3, "chart-legend-key", 40, 14);
      draw(key);
      li.appendChild(key.node());
      var span = document.createElement("span");
      span.textContent = name;
      li.appendChild(span);
      list.appendChild(li);
    }

    shown.forEach(function (s, k) {
      var style = seriesStyle(d3, allSeries.indexOf(s));
      item(s.name, function (key) {
        key.append("line").attr("x1", 2).attr("x2", 38).attr("y1", 7).attr("y2", 7)
          .attr("stroke", style.colour).attr("stroke-width", 2.5)
          .attr("stroke-dasharray", style.dash);
        key.append("path").attr("d", d3.symbol().type(style.symbol).size(k === 0 ? 64 : 56)())
          .attr("transform", "translate(20,7)")
          .attr("fill", style.colour).attr("stroke", "#ffffff").attr("stroke-width", 1);
      });
    });
    if (targetLabel) {
      item(targetLabel, function (key) {
        key.append("line").attr("x1", 1).attr("x2", 39).attr("y1", 7).attr("y2", 7)
          .attr("stroke", TARGET_COLOUR).attr("stroke-width", 2)
          .attr("stroke-dasharray", TARGET_DASH);
      });
    }
    return list;
  }

  // ---- Bar chart ------------------------------------------------------------------------------

  function drawBar(d3, figure, data, width) {
    var s = data.series[0];
    if (!s || !hasNumbers(s.points)) return false;
    var unit = (figure.getAttribute("data-unit") || "").trim();
    var target = targetOf(figure);
    var targetLabel = (figure.getAttribute("data-target-label") || "").trim();
    var n = data.labels.length;
    var narrow = width < 480; // labels go above the bars on small screens

    var values = s.points.filter(function (p) { return p.value !== null; })
      .map(function (p) { return p.value; });
    var domainValues = values.concat([0]);
    if (target !== null) domainValues.push(target);
    var x = d3.scaleLinear().domain(d3.extent(domainValues)).nice(5);
    var format = tickFormat(d3, x, 5);

    var texts = s.points.map(function (p) {
      if (p.value !== null) return valueText(d3, p, unit);
      return p.suppressed ? "skjult" : (p.text && !/\d/.test(p.text) ? p.text : "–");
    });
    var valueChars = d3.max(texts, function (t) { return t.length; }) || 1;
    var labelChars = d3.max(data.labels, function (l) { return l.length; }) || 1;

    var barH = 20;
    var rowH = narrow ? barH + 26 : barH + 10;
    var labelW = narrow ? 0 : Math.min(Math.floor(width * 0.4), labelChars * CHAR_WIDTH + 12);
    var margin = {
      top: target !== null && targetLabel ? 24 : 8,
      right: valueChars * CHAR_WIDTH + 12,
      bottom: 30,
      left: labelW,
    };
    var innerW = Math.max(60, width - margin.left - margin.right);
    var innerH = n * rowH;
    var height = margin.top + innerH + margin.bottom;
    // Room at the left for the labels of negative bars, which stand before the bar's end.
    var negativePad = d3.min(values) < 0 ? Math.min(innerW / 3, valueChars * CHAR_WIDTH + 8) : 0;
    x.range([negativePad, innerW]);

    var svg = newSvg(d3, "chart-svg chart-bar", width, height);
    var plot = svg.append("g").attr("transform", "translate(" + margin.left + "," + margin.top + ")");

    plot.append("g").attr("class", "axis axis-y axis-grid")
      .attr("transform", "translate(0," + innerH + ")")
      .call(d3.axisBottom(x).ticks(5).tickFormat(format).tickSize(-innerH).tickPadding(8));

    var zero = x(0);
    plot.append("line").attr("class", "chart-baseline")
      .attr("x1", zero).attr("x2", zero).attr("y1", 0).attr("y2", innerH)
      .attr("stroke", "#6b6f75").attr("stroke-width", 1);
    var maxLabel = narrow ? Math.floor(width / CHAR_WIDTH) : Math.floor((labelW - 12) / CHAR_WIDTH);
    s.points.forEach(function (p, i) {
      var top = i * rowH + (narrow ? 20 : 5);
      var current = data.current[i];
      var label = truncate(data.labels[i], Math.max(4, maxLabel));
      plot.append("text")
        .attr("class", current ? "chart-bar-label chart-bar-label-current" : "chart-bar-label")
        .attr("x", narrow ? 0 : -8).attr("y", narrow ? top - 6 : top + barH / 2)
        .attr("dy", narrow ? 0 : "0.35em").attr("text-anchor", narrow ? "start" : "end")
        .text(label);
      if (p.value !== null) {
        var end = x(p.value);
        plot.append("rect").attr("class", "chart-bar")
          .attr("x", Math.min(zero, end)).attr("y", top)
          .attr("width", Math.max(1, Math.abs(end - zero))).attr("height", barH)
          .attr("fill", current ? BAR_CURRENT_COLOUR : BAR_COLOUR);
        plot.append("text").attr("class", "chart-value-label")
          .attr("x", p.value < 0 ? end - 6 : end + 6).attr("y", top + barH / 2).attr("dy", "0.35em")
          .attr("text-anchor", p.value < 0 ? "end" : "start")
          .text(texts[i]);
      } else {
        plot.append("text").attr("class", "chart-missing")
          .attr("x", zero + 6).attr("y", top + barH / 2).attr("dy", "0.35em")
          .text(texts[i]);
      }
    });

    if (target !== null) {
      var tx = x(target);
      plot.append("line").attr("class", "chart-target-line")
        .attr("x1", tx).attr("x2", tx).attr("y1", -4).attr("y2", innerH)
        .attr("stroke", TARGET_COLOUR).attr("stroke-width", 2).attr("stroke-dasharray", TARGET_DASH);
      if (targetLabel) {
        var right = tx > innerW * 0.6;
        plot.append("text").attr("class", "chart-target-label")
          .attr("x", right ? tx + 4 : tx - 4).attr("y", -10)
          .attr("text-anchor", right ? "end" : "start")
          .text(truncate(targetLabel, Math.floor((right ? tx + margin.left : width - tx - margin.left)
            / CHAR_WIDTH)));
      }
    }

    var maxI = -1, minI = -1;
    s.points.forEach(function (p, i) {
      if (p.value === null) return;
      if (maxI < 0 || p.value > s.points[maxI].value) maxI = i;
      if (minI < 0 || p.value < s.points[minI].value) minI = i;
    });
    var summary = "Høyest: " + data.labels[maxI] + ", " + texts[maxI];
    if (minI !== maxI) summary += "; lavest: " + data.labels[minI] + ", " + texts[minI];
    var missing = s.points.filter(function (p) { return p.value === null; }).length;
    if (missing) summary += "; " + missing + " uten tall";
    labelChart(svg, figure, summary);

    var svgNode = svg.node();
    svgNode.setAttribute("data-agp-chart", "");
    insertBefore(figure, svgNode);
    return true;
  }

  // ---- Sparkline ------------------------------------------------------------------------------

  function drawSpark(d3, figure, data) {
    var s = data.series[0];
    if (!s || !hasNumbers(s.points)) return false;
    var w = 120, h = 28, pad = 4;
    var n = s.points.length;
    var points = s.points.map(function (p, i) { return { i: i, value: p.value }; });
    var extent = d3.extent(points.filter(function (p) { return p.value !== null; }),
      function (p) { return p.value; });
    if (extent[0] === extent[1]) extent = [extent[0] - 1, extent[1] + 1];
    var x = d3.scalePoint().domain(d3.range(n)).range([pad, w - pad]).padding(n > 1 ? 0 : 0.5);
    var y = d3.scaleLinear().domain(extent).range([h - pad, pad]);

    var svg = newSvg(d3, "chart-svg spark-svg", w, h).attr("aria-hidden", "true");
    svg.append("path")
      .attr("d", d3.line()
        .defined(function (p) { return p.value !== null; })
        .x(function (p) { return x(p.i); })
        .y(function (p) { return y(p.value); })(points))
      .attr("fill", "none").attr("stroke", SERIES_COLOURS[0]).attr("stroke-width", 1.75)
      .attr("stroke-linejoin", "round").attr("stroke-linecap", "round");
    var last = null;
    points.forEach(function (p) { if (p.value !== null) last = p; });
    svg.append("circle").attr("cx", x(last.i)).attr("cy", y(last.value)).attr("r", 3)
      .attr("fill", SERIES_COLOURS[0]);

    var node = svg.node();
    node.setAttribute("data-agp-chart", "");
    insertBefore(figure, node);
    return true;
  }

  // ---- Wiring ---------------------------------------------------------------------------------

  function kindOf(figure) {
    var kind = (figure.getAttribute("data-kind") || "").trim();
    if (kind) return kind;
    return figure.classList.contains("spark") ? "spark" : "line";
  }

  function draw(d3, figure, width) {
    removeGenerated(figure);
    try {
      var data = readTable(figure);
      if (!data || !anchorOf(figure)) return;
      var kind = kindOf(figure);
      if (kind === "spark") drawSpark(d3, figure, data);
      else if (kind === "bar") drawBar(d3, figure, data, width);
      else if (kind === "line") drawLine(d3, figure, data, width);
    } catch (e) {
      removeGenerated(figure); // odd input: the table alone is the chart
    }
  }

  function contentWidth(figure) {
    return Math.floor(figure.getBoundingClientRect().width);
  }

  function init() {
    var d3 = window.d3;
    if (!d3 || typeof d3.select !== "function" || !document.querySelectorAll) return;
    var figures = Array.prototype.slice.call(
      document.querySelectorAll("figure.chart, figure.spark"));
    var drawnWidth = new WeakMap();

    function redraw(figure) {
      if (kindOf(figure) === "spark") {
        if (!drawnWidth.has(figure)) { drawnWidth.set(figure, 0); draw(d3, figure, 120); }
        return;
      }
      var width = contentWidth(figure);
      if (width < 1) return; // not laid out (hidden); the observer will call again
      if (Math.abs((drawnWidth.get(figure) || 0) - width) < 1) return;
      drawnWidth.set(figure, width);
      draw(d3, figure, Math.max(240, width));
    }

    figures.forEach(redraw);

    if (typeof ResizeObserver === "function") {
      var pending = new Set();
      var scheduled = false;
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { pending.add(entry.target); });
        if (scheduled) return;
        scheduled = true;
        window.requestAnimationFrame(function () {
          scheduled = false;
          var todo = Array.from(pending);
          pending.clear();
          todo.forEach(redraw);
        });
      });
      figures.forEach(function (f) { if (kindOf(f) !== "spark") observer.observe(f); });
    } else {
      var timer = 0;
      window.addEventListener("resize", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { figures.forEach(redraw); }, 150);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
