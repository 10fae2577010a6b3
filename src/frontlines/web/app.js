/* frontlines map page: events clustered on a Leaflet map, a timeline that filters by date,
   a control layer and an event sheet. Ingested text is only ever set with textContent. */
"use strict";

const TYPE_COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2e86c1",
  "Riots": "#16a085",
  "Strategic developments": "#7f8c8d",
};
const OTHER_COLOUR = "#34495e";
const CONTROL_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#bcbd22", "#e377c2"];
const CONTESTED = "#555555";
const UNKNOWN = "#bbbbbb";
const MAP_LIMIT = 5000;
const LEGEND_ROWS = 8;
const CELL = 44; // clustering grid, pixels
const DAY = 86400000;

const state = {
  types: new Set(Object.keys(TYPE_COLOURS)),
  actor: "",
  q: "",
  start: null,
  end: null,
  bin: "day",
  bins: [],
  events: [],
  total: 0,
  totalExact: true,
  byView: false,
  control: true,
  boundaries: null,
};

/* ---------- DOM helpers (text only, never innerHTML) ---------- */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function safeHref(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (_) {
    return null;
  }
}

function colourOf(type) {
  return TYPE_COLOURS[type] || OTHER_COLOUR;
}

function setStatus(text) {
  document.getElementById("status").textContent = text;
}

async function getJSON(path, params) {
  const url = new URL(path, document.baseURI);
  for (const [key, value] of Object.entries(params || {})) {
    if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
    else if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url);
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = JSON.stringify((await response.json()).detail); } catch (_) { /* keep statusText */ }
    throw new Error(`${url.pathname}: ${response.status} ${detail}`);
  }
  return response.json();
}

/* ---------- dates ---------- */

const toDay = (iso) => Date.parse(iso + "T00:00:00Z");
const fromDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const binDays = () => (state.bin === "week" ? 7 : 1);

function filterParams(withDates) {
  const all = state.types.size === Object.keys(TYPE_COLOURS).length;
  return {
    type: all ? null : [...state.types],
    actor: state.actor,
    q: state.q,
    start: withDates ? state.start : null,
    end: withDates ? state.end : null,
  };
}

/* ---------- map ---------- */

const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 14, preferCanvas: false }).setView([20, 20], 2);
map.attributionControl.addAttribution("Natural Earth (world-atlas)");
const outlines = L.layerGroup().addTo(map);
const controlLayer = L.layerGroup().addTo(map);
const eventLayer = L.layerGroup().addTo(map);

async function loadOutlines() {
  const topo = await getJSON("vendor/countries-110m.json");
  const land = topojson.feature(topo, topo.objects.countries);
  L.geoJSON(land, {
    interactive: false,
    style: { color: "#8a8f94", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1, className: "country" },
  }).addTo(outlines);
}

function renderEvents() {
  eventLayer.clearLayers();
  const cells = new Map();
  let shown = 0;
  for (const ev of state.events) {
    if (ev.latitude === null || ev.longitude === null || !state.types.has(ev.event_type)) continue;
    const point = map.latLngToLayerPoint([ev.latitude, ev.longitude]);
    const key = `${Math.floor(point.x / CELL)}:${Math.floor(point.y / CELL)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(ev);
    shown += 1;
  }
  for (const members of cells.values()) {
    if (members.length === 1) eventLayer.addLayer(singleMarker(members[0]));
    else eventLayer.addLayer(clusterMarker(members));
  }
  const count = document.getElementById("count");
  count.dataset.count = String(shown);
  const where = state.byView ? "in view" : "on the map";
  count.textContent = state.total > state.events.length
    ? `${shown} events ${where} (newest ${state.events.length} of ${state.total}${state.totalExact ? "" : "+"})`
    : `${shown} events ${where}`;
}

function singleMarker(ev) {
  const marker = L.circleMarker([ev.latitude, ev.longitude], {
    radius: 7, color: "#1b1b1b", weight: 1, fillColor: colourOf(ev.event_type), fillOpacity: 0.9,
    className: "ev-marker",
  });
  marker.bindTooltip(el("span", {}, `${ev.event_date || "undated"} · ${ev.event_type} · ${ev.location || ""}`));
  marker.on("click", () => openEvent(ev.id));
  marker.on("add", () => Object.assign(marker.getElement().dataset, { id: ev.id, date: ev.event_date || "" }));
  return marker;
}

function clusterMarker(members) {
  let lat = 0, lon = 0;
  const byType = new Map();
  for (const ev of members) {
    lat += ev.latitude;
    lon += ev.longitude;
    byType.set(ev.event_type, (byType.get(ev.event_type) || 0) + 1);
  }
  const dominant = [...byType.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const size = Math.min(CELL - 4, 22 + Math.round(Math.log2(members.length) * 3));
  const badge = el("div", { class: "ev-cluster-badge", style: `width:${size}px;height:${size}px;line-height:${size}px;background:${colourOf(dominant)}` },
    String(members.length));
  const marker = L.marker([lat / members.length, lon / members.length], {
    icon: L.divIcon({ className: "ev-cluster", html: badge, iconSize: [size, size] }),
    title: `${members.length} events`,
  });
  marker.on("click", () => {
    const bounds = L.latLngBounds(members.map((ev) => [ev.latitude, ev.longitude]));
    const samePlace = bounds.getNorthEast().equals(bounds.getSouthWest(), 1e-4);
    if (samePlace || map.getZoom() >= map.getMaxZoom()) showList(members);
    else map.fitBounds(bounds.pad(0.3), { maxZoom: map.getMaxZoom() });
  });
  return marker;
}

map.on("zoomend", renderEvents);

/* ---------- legend (doubles as the event-type filter) ---------- */

const legend = L.control({ position: "bottomleft" });
legend.onAdd = () => {
  const box = el("div", { class: "legend", id: "legend" });
  L.DomEvent.disableClickPropagation(box);
  box.append(el("strong", {}, "Event types"));
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    const input = el("input", { type: "checkbox", checked: "checked", dataset: { type } });
    input.addEventListener("change", () => {
      if (input.checked) state.types.add(type); else state.types.delete(type);
      refresh();
    });
    box.append(el("label", {}, input, el("i", { class: "swatch", style: `background:${colour}` }), type));
  }
  box.append(el("div", { id: "control-legend" }));
  return box;
};
legend.addTo(map);

/* ---------- control layer ---------- */

function controllerColour(name, palette) {
  if (!palette.has(name)) palette.set(name, CONTROL_COLOURS[palette.size % CONTROL_COLOURS.length]);
  return palette.get(name);
}

function normName(name) {
  return (name || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

function controlLabel(unit) {
  return unit.status === "held" ? unit.holder : unit.status;
}

function controlStyle(unit, palette) {
  if (unit.status === "held") return { colour: controllerColour(unit.holder, palette), dash: null };
  const colour = unit.status === "contested" ? CONTESTED : UNKNOWN;
  palette.set(unit.status, colour);
  return { colour, dash: "4 4" };
}

async function loadControl() {
  controlLayer.clearLayers();
  const box = document.getElementById("control-legend");
  box.replaceChildren();
  if (!state.control) return;
  const at = state.end || (state.bins.length ? lastDay() : null);
  if (!at) return;
  const data = await getJSON("api/control", { at });
  const palette = new Map();
  const byName = new Map(data.units.map((unit) => [normName(unit.unit), unit]));
  const drawn = new Set();
  if (state.boundaries && state.boundaries.features.length) {
    L.geoJSON(state.boundaries, {
      filter: (feature) => byName.has(normName(feature.properties.name)),
      style: (feature) => {
        const unit = byName.get(normName(feature.properties.name));
        drawn.add(normName(unit.unit));
        const { colour, dash } = controlStyle(unit, palette);
        return { color: colour, weight: 1.2, dashArray: dash, fillColor: colour, fillOpacity: 0.28,
          className: "control-area" };
      },
      onEachFeature: (feature, layer) => layer.bindTooltip(controlText(byName.get(normName(feature.properties.name)))),
    }).addTo(controlLayer);
  }
  for (const unit of data.units) {
    if (drawn.has(normName(unit.unit)) || unit.latitude === null || unit.longitude === null) continue;
    const { colour, dash } = controlStyle(unit, palette);
    L.circleMarker([unit.latitude, unit.longitude], {
      radius: 18, color: colour, weight: 1.2, dashArray: dash || "2 3", fillColor: colour, fillOpacity: 0.3,
      className: "control-seat", interactive: true,
    }).bindTooltip(controlText(unit)).addTo(controlLayer);
  }
  if (palette.size) {
    box.append(el("strong", {}, `Control on ${data.at}`));
    const entries = [...palette];
    for (const [name, colour] of entries.slice(0, LEGEND_ROWS)) {
      box.append(el("div", {}, el("i", { class: "swatch control", style: `background:${colour}` }), name));
    }
    if (entries.length > LEGEND_ROWS) box.append(el("div", { class: "muted" }, `and ${entries.length - LEGEND_ROWS} more`));
  }
}

function controlText(unit) {
  const parts = [`${unit.unit}: ${controlLabel(unit)}`];
  if (unit.since) parts.push(` since ${unit.since}`);
  if (unit.status === "contested") {
    if (unit.claimed_by.length) parts.push(` · claimed by ${unit.claimed_by.join(", ")}`);
    if (unit.denied_by.length) parts.push(` · denied by ${unit.denied_by.join(", ")}`);
  }
  return el("span", {}, ...parts);
}

/* ---------- timeline ---------- */

const SVG_NS = "http://www.w3.org/2000/svg";
const svg = document.getElementById("histogram");
let brush = null;

function svgEl(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

function lastDay() {
  return fromDay(toDay(state.bins[state.bins.length - 1].start) + (binDays() - 1) * DAY);
}

function drawTimeline() {
  svg.replaceChildren();
  const width = svg.clientWidth || 800;
  const height = svg.clientHeight || 90;
  if (!state.bins.length) {
    const text = svgEl("text", { x: 10, y: 30, class: "empty" });
    text.textContent = "No dated events";
    svg.append(text);
    return;
  }
  const first = toDay(state.bins[0].start);
  const span = toDay(state.bins[state.bins.length - 1].start) - first + binDays() * DAY;
  const x = (ms) => ((ms - first) / span) * width;
  const max = Math.max(...state.bins.map((b) => b.count));
  const barWidth = Math.max(1, (binDays() * DAY / span) * width - 1);
  const chartHeight = height - 16;
  for (const b of state.bins) {
    const h = Math.max(1, (b.count / max) * (chartHeight - 4));
    const rect = svgEl("rect", { x: x(toDay(b.start)), y: chartHeight - h, width: barWidth, height: h, class: "bar" });
    const title = svgEl("title", {});
    title.textContent = `${b.start}: ${b.count}`;
    rect.append(title);
    svg.append(rect);
  }
  for (const edge of [state.bins[0].start, lastDay()]) {
    const label = svgEl("text", { x: edge === state.bins[0].start ? 2 : width - 2, y: height - 3, class: "axis",
      "text-anchor": edge === state.bins[0].start ? "start" : "end" });
    label.textContent = edge;
    svg.append(label);
  }
  if (state.start && state.end) {
    const x0 = x(toDay(state.start));
    const x1 = x(toDay(state.end) + DAY);
    svg.append(svgEl("rect", { x: x0, y: 0, width: Math.max(2, x1 - x0), height: chartHeight, class: "selection" }));
  }
  svg.dataset.first = String(first);
  svg.dataset.span = String(span);
}

function dateAt(px) {
  const width = svg.clientWidth || 800;
  const ms = Number(svg.dataset.first) + (Math.min(Math.max(px, 0), width) / width) * Number(svg.dataset.span);
  return Math.floor(ms / DAY) * DAY;
}

svg.addEventListener("pointerdown", (event) => {
  if (!state.bins.length) return;
  svg.setPointerCapture(event.pointerId);
  brush = { from: event.offsetX, to: event.offsetX };
});
svg.addEventListener("pointermove", (event) => {
  if (!brush) return;
  brush.to = event.offsetX;
  const [a, b] = [Math.min(brush.from, brush.to), Math.max(brush.from, brush.to)];
  state.start = fromDay(dateAt(a));
  state.end = fromDay(dateAt(b));
  drawTimeline();
  updateRangeLabel();
});
svg.addEventListener("pointerup", (event) => {
  if (!brush) return;
  const moved = Math.abs(event.offsetX - brush.from) > 3;
  brush = null;
  if (!moved) { state.start = null; state.end = null; }
  drawTimeline();
  updateRangeLabel();
  loadEvents().then(loadControl).catch(showError);
});

document.getElementById("range-reset").addEventListener("click", () => {
  state.start = null;
  state.end = null;
  drawTimeline();
  updateRangeLabel();
  loadEvents().then(loadControl).catch(showError);
});

function updateRangeLabel() {
  const label = document.getElementById("range-label");
  label.textContent = state.start ? `${state.start} – ${state.end}` : "All dates (drag on the timeline to choose a range)";
}

window.addEventListener("resize", () => drawTimeline());

/* ---------- data loading ---------- */

async function loadTimeline() {
  const data = await getJSON("api/timeline", { ...filterParams(false), bin: state.bin });
  state.bins = data.bins;
  drawTimeline();
}

function wrapLon(lon) {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

function viewBbox() {
  const b = map.getBounds().pad(0.25);
  if (b.getEast() - b.getWest() >= 360) return null;
  const south = Math.max(-90, b.getSouth());
  const north = Math.min(90, b.getNorth());
  return [wrapLon(b.getWest()), south, wrapLon(b.getEast()), north].map((v) => v.toFixed(4)).join(",");
}

async function loadEvents() {
  // a store with more events than one load holds is fetched by what the view shows
  const bbox = state.byView ? viewBbox() : null;
  const data = await getJSON("api/events", { ...filterParams(true), bbox, limit: MAP_LIMIT });
  state.events = data.items;
  state.total = data.total;
  state.totalExact = data.total_exact;
  renderEvents();
}

let moved = null;
map.on("moveend", () => {
  if (!state.byView) return;
  clearTimeout(moved);
  moved = setTimeout(() => loadEvents().catch(showError), 300);
});

async function refresh() {
  try {
    setStatus("loading…");
    await loadTimeline();
    await loadEvents();
    await loadControl();
    setStatus("");
  } catch (error) {
    showError(error);
  }
}

function showError(error) {
  setStatus(`error: ${error.message}`);
}

document.getElementById("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  state.actor = document.getElementById("f-actor").value.trim();
  state.q = document.getElementById("f-q").value.trim();
  state.control = document.getElementById("f-control").checked;
  refresh();
});

/* ---------- sheet ---------- */

const sheet = document.getElementById("sheet");
const sheetBody = document.getElementById("sheet-body");
document.getElementById("sheet-close").addEventListener("click", () => {
  sheet.hidden = true;
  map.invalidateSize({ pan: false });
});

function openSheet(...children) {
  sheetBody.replaceChildren(...children);
  if (sheet.hidden) {
    sheet.hidden = false;
    map.invalidateSize({ pan: false }); // the map narrows: Leaflet must not place markers under the sheet
  }
  sheet.scrollTop = 0;
}

function showList(members) {
  openSheet(
    el("h2", {}, `${members.length} events here`),
    el("ul", { class: "event-list" }, members.map((ev) =>
      el("li", {}, el("button", { type: "button", class: "link", onclick: () => openEvent(ev.id) },
        `${ev.event_date || "undated"} · ${ev.event_type} · ${ev.actor1}${ev.actor2 ? " v " + ev.actor2 : ""}`)))),
  );
}

function sourceLabel(item) {
  return [item.outlet || item.document_id, item.published].filter(Boolean).join(", ");
}

function claimCard(claim) {
  return el("li", { class: `claim stance-${claim.stance}` },
    el("blockquote", {}, claim.quote),
    el("div", { class: "by" }, `— ${claim.by}`, claim.stance === "reports_unverified" ? " (unverified)" : "",
      claim.stance === "confirms" ? " (confirms)" : "", ` · ${sourceLabel(claim)}`));
}

async function fetchShown(path) {
  try {
    return await getJSON(path);
  } catch (error) {
    showError(error);
    return null;
  }
}

async function openEvent(id) {
  const ev = await fetchShown(`api/events/${encodeURIComponent(id)}`);
  if (!ev) return;
  const claims = ev.claims.filter((c) => c.stance !== "denies");
  const denials = ev.claims.filter((c) => c.stance === "denies");
  const place = [ev.location, ev.admin2, ev.admin1, ev.country].filter(Boolean).join(", ");
  openSheet(
    el("h2", { class: "ev-title" }, el("i", { class: "swatch", style: `background:${colourOf(ev.event_type)}` }),
      `${ev.event_type} — ${ev.sub_event_type}`),
    el("dl", { class: "facts" },
      el("dt", {}, "Date"), el("dd", {}, `${ev.event_date || "undated"} (${ev.time_precision})`),
      el("dt", {}, "Place"), el("dd", {}, `${place} (precision ${ev.geo_precision})`),
      el("dt", {}, "Actors"), el("dd", {}, ev.actor2 ? `${ev.actor1} v ${ev.actor2}` : ev.actor1),
      el("dt", {}, "Fatalities"), el("dd", { class: "fatalities" }, String(ev.fatalities)),
      el("dt", {}, "Reports"), el("dd", {}, String(ev.reports.length))),
    ev.notes ? el("p", { class: "notes" }, ev.notes) : null,
    el("h3", {}, "Claims and denials"),
    el("div", { class: "claims-grid" },
      el("section", { class: "claims-col" }, el("h4", {}, `Claimed (${claims.length})`),
        el("ul", {}, claims.map(claimCard))),
      el("section", { class: "denials-col" }, el("h4", {}, `Denied (${denials.length})`),
        el("ul", {}, denials.map(claimCard)))),
    el("h3", {}, "Fatalities by source"),
    ev.fatalities_by_source.length
      ? el("table", { class: "figures" },
        el("thead", {}, el("tr", {}, el("th", {}, "Source"), el("th", {}, "Figure"), el("th", {}, "Said by"), el("th", {}, "Phrase"))),
        el("tbody", {}, ev.fatalities_by_source.map((f) => el("tr", { class: f.counts ? "" : "not-counted" },
          el("td", {}, sourceLabel(f)), el("td", {}, `${f.count} ${f.kind}`), el("td", {}, f.reported_by || "—"),
          el("td", {}, f.phrase)))))
      : el("p", { class: "muted" }, "No figures reported."),
    el("h3", {}, "Sources"),
    el("ol", { class: "sources" }, ev.sources.map((s) => {
      const href = safeHref(s.url);
      return el("li", {},
        el("button", { type: "button", class: "link", onclick: () => openDocument(s.document_id) }, s.title || s.document_id),
        el("span", { class: "muted" }, ` ${sourceLabel(s)} `),
        href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, "original") : null);
    })),
    el("h3", {}, "Evidence"),
    el("ul", { class: "evidence" }, ev.evidence.map((e) =>
      el("li", {}, el("q", {}, e.sentence), el("span", { class: "muted" }, ` ${sourceLabel(e)}`)))),
  );
  sheet.dataset.event = ev.id;
}

async function openDocument(id) {
  const doc = await fetchShown(`api/documents/${encodeURIComponent(id)}`);
  if (!doc) return;
  openSheet(
    el("h2", {}, doc.title || doc.id),
    el("p", { class: "muted" }, [doc.outlet, doc.published, doc.url].filter(Boolean).join(" · ")),
    el("div", { class: "article-body" }, doc.body || ""),
  );
}

/* ---------- start ---------- */

async function start() {
  updateRangeLabel();
  try {
    const [stats, boundaries] = await Promise.all([getJSON("api/stats"), getJSON("api/boundaries")]);
    state.boundaries = boundaries;
    const span = stats.first_date && stats.last_date ? (toDay(stats.last_date) - toDay(stats.first_date)) / DAY : 0;
    state.bin = span > 180 ? "week" : "day";
    state.byView = stats.events > MAP_LIMIT;
    const list = document.getElementById("actors");
    list.replaceChildren(...stats.top_actors.map((a) => el("option", { value: a.actor })));
    await loadOutlines();
  } catch (error) {
    showError(error);
  }
  await refresh();
  document.body.dataset.ready = "1";
}

start();
