// Draws every chart of a page with ECharts. The data comes from a
// <script type="application/json"> block named by the container's data-chart
// attribute, so the page itself carries no script and a strict CSP holds.
//
// No label is ever shortened: long category names wrap onto more lines, a pie
// on a narrow screen lists its slices in a legend below it instead of around it,
// and the container grows to hold what it draws.
(function () {
  "use strict";
  var palette = ["#1d4f91", "#c0504d", "#4f8a3c", "#d19a00", "#6b4c9a", "#2a8c9e", "#8c5a3c", "#7a8796", "#b35c8e", "#3c6e8c"];
  var font = 11, line = 15;

  function fmt(v) {
    return Number(v).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  // axisFmt prints an axis value without decimals, which only crowd an axis.
  function axisFmt(v) {
    return Number(v).toLocaleString("zh-CN", { maximumFractionDigits: 0 });
  }

  // lines estimates how many lines text takes wrapped at width pixels: a CJK
  // character is about one font size wide, other characters about half.
  function lines(text, width) {
    var w = 0;
    for (var i = 0; i < text.length; i++) {
      w += text.charCodeAt(i) > 0x2e80 ? font : font * 0.6;
    }
    return Math.max(1, Math.ceil(w / width));
  }

  function textWidth(text) {
    return lines(text, 1);
  }

  // legendRows estimates the rows a wrapping legend of names takes in width pixels.
  function legendRows(names, width) {
    var rows = 1, x = 0;
    names.forEach(function (n) {
      var w = textWidth(n) + 40;
      if (x > 0 && x + w > width) {
        rows++;
        x = 0;
      }
      x += w;
    });
    return rows;
  }

  function option(d, width) {
    var narrow = width < 480;
    var base = {
      color: palette,
      animation: false,
      // Rich-text tooltips are drawn on the canvas: HTML tooltips would need inline
      // styles, which the Content-Security-Policy refuses.
      tooltip: { renderMode: "richText", valueFormatter: fmt, confine: true },
      textStyle: { fontFamily: "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif" }
    };
    var height = narrow ? 280 : 320;
    if (d.type === "pie") {
      base.tooltip.trigger = "item";
      var total = d.values.reduce(function (a, b) { return a + b; }, 0);
      var pct = function (v) { return total ? (v / total * 100).toFixed(1) + "%" : ""; };
      var series = {
        type: "pie",
        data: d.labels.map(function (l, i) { return { name: l, value: d.values[i] }; })
      };
      if (width < 640) {
        // Around a pie in a narrow box the names would not fit: list them below
        // it, one a line, each with its share.
        series.radius = [45, 95];
        series.center = ["50%", 110];
        series.label = { show: false };
        series.labelLine = { show: false };
        base.legend = {
          orient: "vertical", left: 0, top: 225, itemGap: 6, textStyle: { fontSize: font },
          formatter: function (name) {
            var i = d.labels.indexOf(name);
            return name + "  " + pct(d.values[i]);
          }
        };
        height = 235 + d.labels.length * (line + 6);
      } else {
        // Names sit at the box's edges, wrapped to the room left beside the pie.
        series.radius = ["30%", "55%"];
        series.center = ["50%", "50%"];
        series.label = {
          formatter: function (p) { return p.name + "\n" + p.percent.toFixed(1) + "%"; },
          fontSize: font, alignTo: "edge", edgeDistance: 8, width: Math.min(160, Math.round(width * 0.2)), overflow: "break"
        };
        series.labelLine = { length: 10, length2: 0 };
        height = Math.max(height, 260 + d.labels.length * 10);
      }
      base.series = [series];
      return { option: base, height: height };
    }
    base.tooltip.trigger = "axis";
    var horizontal = d.type === "bar" || d.type === "group";
    var labelWidth = horizontal ? (narrow ? Math.round(width * 0.32) : 180) : Math.max(40, (width - 80) / Math.max(d.labels.length, 1) - 8);
    var cat = { type: "category", data: d.labels, axisLabel: { fontSize: font, width: labelWidth, overflow: "break", interval: 0, lineHeight: line } };
    var val = { type: "value", splitNumber: narrow ? 3 : 5, axisLabel: { fontSize: font, formatter: axisFmt, hideOverlap: true } };
    var legendHeight = 0;
    if (d.series) {
      var rows = legendRows(d.series.map(function (s) { return s.name; }), width - 16);
      legendHeight = rows * 22 + 12;
      base.legend = { bottom: 0, left: "center", width: width - 16, itemGap: 12, textStyle: { fontSize: font } };
    }
    base.grid = { left: 8, right: narrow ? 24 : 32, top: 24, bottom: 8 + legendHeight, containLabel: true };
    if (horizontal) {
      cat.inverse = true;
      base.xAxis = val;
      base.yAxis = cat;
      // Each category gets room for its wrapped name and its bars.
      var bars = d.series ? d.series.length : 1;
      var per = 0;
      d.labels.forEach(function (l) { per = Math.max(per, lines(l, labelWidth)); });
      var rowHeight = Math.max(per * line + 8, bars * 10 + 12);
      height = Math.max(height, d.labels.length * rowHeight + 60 + legendHeight);
    } else {
      base.xAxis = cat;
      base.yAxis = val;
      height += legendHeight;
    }
    if (d.series) {
      base.series = d.series.map(function (s) {
        return { name: s.name, type: "bar", stack: d.type === "stack" ? "all" : undefined, data: s.values, barMaxWidth: 36 };
      });
    } else if (d.type === "line") {
      base.series = [{ type: "line", data: d.values, symbolSize: 8, label: { show: true, fontSize: font, formatter: function (p) { return fmt(p.value); } } }];
      // Room above the highest point for its label.
      base.grid.top = 32;
      base.grid.left = base.grid.right = narrow ? 28 : 40;
    } else {
      base.series = [{ type: "bar", data: d.values, barMaxWidth: 28, itemStyle: { color: palette[0] } }];
    }
    return { option: base, height: height };
  }

  function draw(el) {
    var src = document.getElementById(el.getAttribute("data-chart"));
    if (!src || typeof echarts === "undefined") {
      return;
    }
    var d = JSON.parse(src.textContent);
    var chart = echarts.init(el, null, { renderer: "canvas" });
    var width = 0;
    var render = function () {
      if (el.clientWidth === width) {
        return;
      }
      width = el.clientWidth;
      var o = option(d, width);
      el.style.height = o.height + "px";
      chart.resize();
      chart.setOption(o.option, true);
    };
    render();
    if (d.links) {
      chart.on("click", function (p) {
        var href = d.links[p.dataIndex];
        if (href) {
          window.location.href = href;
        }
      });
    }
    window.addEventListener("resize", render);
  }

  function init() {
    var els = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < els.length; i++) {
      draw(els[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
