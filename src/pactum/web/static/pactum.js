// Pactum dashboard: citations (a term's link scrolls to its quote in the document, or in its
// instrument's tab, and marks every piece of it) and charts (Plotly, from the figures the
// page embeds as JSON).
"use strict";

function markQuote(id) {
  document.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
  if (!id || !id.startsWith("q-")) return;
  document
    .querySelectorAll(`mark[data-q~="${CSS.escape(id)}"]`)
    .forEach((m) => m.classList.add("active"));
  const target = document.getElementById(id);
  if (!target) return;
  // a quote of another instrument: show its tab first
  const panel = target.closest(".tab-panel");
  const tab = panel && document.getElementById(`tab-${panel.dataset.tab}`);
  if (tab) tab.checked = true;
  target.scrollIntoView({ block: "center" });
}

function drawCharts() {
  const data = document.getElementById("charts-data");
  if (!data || !window.Plotly) return;
  for (const figure of JSON.parse(data.textContent)) {
    window.Plotly.newPlot(figure.id, figure.data, figure.layout, {
      displaylogo: false,
      responsive: true,
    });
  }
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a.cite-link");
  // after the browser has followed the link (so :target is the quote), mark and centre it
  if (link) setTimeout(() => markQuote(link.dataset.quote), 0);
});
window.addEventListener("hashchange", () => markQuote(location.hash.slice(1)));
document.addEventListener("DOMContentLoaded", () => {
  markQuote(location.hash.slice(1));
  drawCharts();
});
