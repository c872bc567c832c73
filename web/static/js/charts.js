// Draws every chart of a page with ECharts. The data comes from a
// <script type="application/json"> block named by the container's data-chart
// attribute, so the page itself carries no script and a strict CSP holds.
(function () {
  "use strict";
  var palette = ["#1d4f91", "#c0504d", "#4f8a3c", "#d19a00", "#6b4c9a", "#2a8c9e", "#8c5a3c", "#7a8796", "#b35c8e", "#3c6e8c"];

  function fmt(v) {
    return Number(v).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function short(s) {
    return s.length > 8 ? s.slice(0, 8) + "…" : s;
  }

  function option(d, narrow) {
    var base = {
      color: palette,
      animation: false,
      // Rich-text tooltips are drawn on the canvas: HTML tooltips would need inline
      // styles, which the Content-Security-Policy refuses.
      tooltip: { renderMode: "richText", valueFormatter: fmt },
      textStyle: { fontFamily: "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif" }
    };
    if (d.type === "pie") {
      base.tooltip.trigger = "item";
      base.series = [{
        type: "pie",
        radius: narrow ? ["30%", "60%"] : ["35%", "65%"],
        center: ["50%", "50%"],
        label: { formatter: function (p) { return short(p.name) + "\n" + p.percent.toFixed(1) + "%"; }, fontSize: 11 },
        data: d.labels.map(function (l, i) { return { name: l, value: d.values[i] }; })
      }];
      return base;
    }
    base.tooltip.trigger = "axis";
    base.grid = { left: 8, right: 16, top: 24, bottom: d.series ? 40 : 8, containLabel: true };
    var horizontal = d.type === "bar" || d.type === "group";
    var cat = { type: "category", data: d.labels, axisLabel: { formatter: short, fontSize: 11 } };
    var val = { type: "value", axisLabel: { fontSize: 11 } };
    if (horizontal) {
      cat.inverse = true;
      base.xAxis = val;
      base.yAxis = cat;
    } else {
      base.xAxis = cat;
      base.yAxis = val;
    }
    if (d.series) {
      base.legend = { bottom: 0 };
      base.series = d.series.map(function (s) {
        return { name: s.name, type: "bar", stack: d.type === "stack" ? "all" : undefined, data: s.values, barMaxWidth: 36 };
      });
    } else if (d.type === "line") {
      base.series = [{ type: "line", data: d.values, symbolSize: 8, label: { show: true, formatter: function (p) { return fmt(p.value); } } }];
    } else {
      base.series = [{ type: "bar", data: d.values, barMaxWidth: 28, itemStyle: { color: palette[0] } }];
    }
    return base;
  }

  function draw(el) {
    var src = document.getElementById(el.getAttribute("data-chart"));
    if (!src || typeof echarts === "undefined") {
      return;
    }
    var d = JSON.parse(src.textContent);
    if (d.type === "bar" && d.labels.length > 8) {
      el.classList.add("tall");
    }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option(d, el.clientWidth < 480));
    if (d.links) {
      chart.on("click", function (p) {
        var href = d.links[p.dataIndex];
        if (href) {
          window.location.href = href;
        }
      });
    }
    window.addEventListener("resize", function () { chart.resize(); });
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
