// The console's only script: draws the overview's chart and keeps every page's figures fresh.
"use strict";

(function () {
  let chart = null;

  function percent(value) {
    return value === null ? null : Math.round(value * 10000) / 100;
  }

  function drawChart() {
    const holder = document.getElementById("chart");
    const source = document.getElementById("chart-data");
    if (!holder || !source || !window.echarts) {
      return;
    }
    const data = JSON.parse(source.textContent);
    const series = data.series.map(function (each) {
      const rate = each.kind === "rate";
      return {
        name: each.name,
        type: rate ? "line" : "bar",
        yAxisIndex: rate ? 0 : 1,
        data: rate ? each.values.map(percent) : each.values,
        connectNulls: false,
      };
    });
    if (chart === null) {
      chart = window.echarts.init(holder, null, { renderer: "canvas" });
      window.addEventListener("resize", function () { chart.resize(); });
    }
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 56, right: 72, top: 48, bottom: 32 },
      xAxis: { type: "category", data: data.weeks },
      yAxis: [
        { type: "value", name: "%", min: 0, max: 100 },
        { type: "value", name: "用工缺口（人）", splitLine: { show: false } },
      ],
      series: series,
    }, true);
    document.body.dataset.chartWeeks = String(data.weeks.length);
  }

  // A region the official is filling in (focus inside, or a field changed) is left alone.
  function beingEdited(element) {
    if (element.contains(document.activeElement) && document.activeElement !== document.body) {
      return true;
    }
    return Array.prototype.some.call(
      element.querySelectorAll("input:not([type='hidden']), textarea"),
      function (field) { return field.value !== field.defaultValue; }
    );
  }

  async function refresh() {
    try {
      const answer = await fetch(window.location.href, { credentials: "same-origin" });
      if (!answer.ok || answer.redirected) {
        return;
      }
      const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
      let changed = false;
      fresh.querySelectorAll("[data-live]").forEach(function (element) {
        const current = document.getElementById(element.id);
        if (current && current.innerHTML !== element.innerHTML && !beingEdited(current)) {
          current.innerHTML = element.innerHTML;
          changed = true;
        }
      });
      if (changed) {
        drawChart();
      }
      document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
    } catch (error) {
      // The next refresh tries again; a page that cannot refresh still shows its figures.
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawChart();
    const seconds = Number(document.body.dataset.refreshSeconds || 0);
    if (seconds > 0 && document.querySelector("[data-live]")) {
      window.setInterval(refresh, seconds * 1000);
    }
    document.body.dataset.ready = "1";
  });
})();
