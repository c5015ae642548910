// The live page: history from /api/*, new events from /api/stream (server-sent events).
// No library: the page is served from the package, with nothing fetched from elsewhere.
"use strict";

const $ = (selector) => document.querySelector(selector);
const SVG = "http://www.w3.org/2000/svg";
const FEED_MAX = 200;
const QUAD_COLOURS = { 1: "#3b8bd4", 2: "#2a9d5c", 3: "#e0a030", 4: "#d04a3a" };
// Rough outlines of the continents (lon, lat), for orientation on the map of events.
const CONTINENTS = [
  [[-168, 66], [-140, 70], [-95, 72], [-80, 63], [-60, 55], [-53, 47], [-67, 44], [-76, 35],
   [-81, 25], [-97, 26], [-97, 20], [-87, 16], [-78, 8], [-83, 8], [-92, 15], [-105, 20],
   [-117, 32], [-124, 40], [-124, 48], [-135, 58], [-152, 58], [-165, 62]],
  [[-78, 8], [-72, 12], [-62, 10], [-50, 0], [-35, -6], [-39, -15], [-48, -26], [-58, -38],
   [-65, -55], [-74, -50], [-73, -35], [-70, -18], [-81, -5], [-80, 1]],
  [[-10, 36], [-9, 43], [-2, 47], [-5, 48], [2, 51], [8, 54], [10, 58], [5, 62], [15, 69],
   [28, 71], [40, 67], [60, 69], [80, 73], [105, 77], [130, 71], [160, 70], [180, 66],
   [170, 60], [157, 51], [142, 47], [135, 35], [122, 31], [121, 23], [109, 20], [105, 10],
   [100, 14], [98, 8], [92, 21], [80, 15], [77, 8], [73, 18], [67, 25], [57, 25], [56, 17],
   [44, 12], [35, 28], [33, 31], [36, 36], [27, 37], [26, 41], [20, 39], [16, 38], [12, 44],
   [7, 43], [3, 43], [-5, 36]],
  [[-17, 21], [-16, 12], [-8, 4], [5, 5], [9, 4], [13, -12], [12, -18], [18, -34], [27, -34],
   [35, -24], [40, -15], [40, -3], [51, 11], [43, 12], [37, 22], [32, 31], [20, 32], [10, 37],
   [-1, 36], [-10, 31]],
  [[114, -22], [122, -18], [130, -12], [137, -12], [142, -11], [146, -19], [153, -25],
   [151, -33], [147, -38], [140, -38], [131, -31], [115, -34]],
];

const state = { filter: {}, events: [], countries: [], vocabulary: null, live: false };

function filterFromForm() {
  return {
    actor: $("#f-actor").value.trim(),
    type: $("#f-type").value,
    quad: $("#f-quad").value,
    status: $("#f-status").value,
    from: $("#f-from").value,
    to: $("#f-to").value,
  };
}

function queryString(filter) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  return params.toString();
}

// The same test as the store's query, for events that arrive live.
function matches(event, filter) {
  if (filter.type && event.event_type !== filter.type) return false;
  if (filter.quad && String(event.quad_class) !== filter.quad) return false;
  if (filter.status && event.status !== filter.status) return false;
  if (filter.from && event.event_date < filter.from) return false;
  if (filter.to && event.event_date > filter.to) return false;
  if (filter.actor) {
    const code = filter.actor.toUpperCase();
    const needle = filter.actor.toLowerCase();
    const named = (name) => (name || "").toLowerCase().includes(needle);
    return (event.source_country || "").toUpperCase() === code
      || (event.target_country || "").toUpperCase() === code
      || named(event.source_name) || named(event.target_name);
  }
  return true;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function actorLabel(name, country) {
  if (!name) return "–";
  return country && country !== name ? `${name} [${country}]` : name;
}

function whenLabel(event) {
  if (!event.time_start) return `${event.event_date} (undated; day of report)`;
  const withClock = event.time_precision === "minute" || event.time_precision === "hour";
  const shown = withClock ? event.time_start.slice(0, 16).replace("T", " ") : event.time_start.slice(0, 10);
  return `${shown} UTC (${event.time_precision})`;
}

// The evidence sentence with its trigger words marked, built as text nodes (no HTML injected).
function evidence(event) {
  const paragraph = element("p", "evidence");
  const sentence = event.evidence_sentence || "";
  const spans = (event.trigger_offsets || "").split(";").filter(Boolean)
    .map((pair) => pair.split("-").map(Number)).sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at || end > sentence.length) continue;
    paragraph.append(sentence.slice(at, start), element("mark", "", sentence.slice(start, end)));
    at = end;
  }
  paragraph.append(sentence.slice(at));
  return paragraph;
}

function feedItem(event, fresh) {
  const item = element("li", `event q${event.quad_class}${fresh ? " fresh" : ""}`);
  item.dataset.eventId = event.event_id;
  const head = element("div");
  const arrow = event.reciprocal ? "↔" : "→";
  head.append(
    element("span", "who", actorLabel(event.source_name, event.source_country)),
    element("span", "arrow", ` ${arrow} `),
    element("span", `type q${event.quad_class}`,
      event.event_type + (event.event_mode ? `/${event.event_mode}` : "")),
    element("span", "arrow", ` ${arrow} `),
    element("span", "who", actorLabel(event.target_name, event.target_country)),
    element("span", `flag status-${event.status}`, event.status),
  );
  if (event.reciprocal) head.append(element("span", "flag", "reciprocal"));
  head.append(element("span", "flag", `Goldstein ${event.goldstein}`));
  const place = event.location_name ? actorLabel(event.location_name, event.location_country) : "–";
  const reporter = event.reported_by_name
    ? actorLabel(event.reported_by_name, event.reported_by_country) : "–";
  const meta = element("div", "meta",
    `when ${whenLabel(event)} · where ${place} · per ${reporter} · ${event.publisher || "unknown publisher"}`
    + ` · received ${event.received_at.slice(0, 19).replace("T", " ")}`);
  item.append(head, meta, evidence(event));
  return item;
}

function renderFeed() {
  const list = $("#feed");
  list.replaceChildren(...state.events.map((event) => feedItem(event, event.fresh)));
  for (const event of state.events) event.fresh = false;
  $("#feed-count").textContent = `${state.events.length} shown`;
  if (!state.events.length) list.append(element("li", "empty", "no event matches yet"));
}

async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function loadFeed() {
  state.filter = filterFromForm();
  state.events = await getJson(`/api/events?${queryString(state.filter)}`);
  renderFeed();
}

function fillSelect(select, values, keep) {
  const current = select.value;
  const options = values.map((value) => {
    const option = element("option", "", value);
    option.value = value;
    return option;
  });
  select.replaceChildren(...keep, ...options);
  if ([...select.options].some((option) => option.value === current)) select.value = current;
}

function tableRows(selector, rows, cells) {
  const body = $(`${selector} tbody`);
  body.replaceChildren(...rows.map((row) => {
    const line = element("tr");
    for (const value of cells(row)) line.append(element("td", typeof value === "number" ? "n" : "", value));
    return line;
  }));
  if (!rows.length) {
    const line = element("tr");
    line.append(element("td", "empty", "nothing in the last 24 hours"));
    body.append(line);
  }
}

function svgNode(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function drawMap(places) {
  const svg = svgNode("svg", { viewBox: "-180 -90 360 180", role: "img", "aria-label": "map of events" });
  svg.append(svgNode("rect", { x: -180, y: -90, width: 360, height: 180, fill: "#e8f0f8" }));
  for (const outline of CONTINENTS) {
    const points = outline.map(([lon, lat]) => `${lon},${-lat}`).join(" ");
    svg.append(svgNode("polygon", { points, fill: "#d5dccf", stroke: "#b9c2b1", "stroke-width": 0.4 }));
  }
  for (let lon = -150; lon < 180; lon += 30) {
    svg.append(svgNode("line", { x1: lon, y1: -90, x2: lon, y2: 90, stroke: "#c8d4e0", "stroke-width": 0.2 }));
  }
  for (let lat = -60; lat <= 60; lat += 30) {
    svg.append(svgNode("line", { x1: -180, y1: -lat, x2: 180, y2: -lat, stroke: "#c8d4e0", "stroke-width": 0.2 }));
  }
  for (const place of places) {
    const dot = svgNode("circle", {
      class: "place", cx: place.lon, cy: -place.lat, r: Math.min(1.5 + Math.sqrt(place.events), 7),
      fill: "#d04a3a", "fill-opacity": 0.7, stroke: "#fff", "stroke-width": 0.3,
    });
    dot.append(svgNode("title", {}, `${place.name} [${place.country || "?"}]: ${place.events} event(s)`));
    svg.append(dot);
    svg.append(svgNode("text", { x: place.lon + 3, y: -place.lat + 1.5, "font-size": 5, fill: "#333" }, place.name));
  }
  $("#map").replaceChildren(svg);
}

async function drawBarometer() {
  const first = $("#b-first").value;
  const second = $("#b-second").value;
  const box = $("#barometer");
  if (!first || !second || first === second) {
    box.replaceChildren(element("p", "empty", "choose two countries"));
    return;
  }
  const days = await getJson(`/api/barometer?a=${encodeURIComponent(first)}&b=${encodeURIComponent(second)}`);
  if (!days.length) {
    box.replaceChildren(element("p", "empty", `no event between ${first} and ${second} yet`));
    return;
  }
  const width = 420, height = 180, left = 30, right = 30, top = 10, bottom = 34;
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const maxCount = Math.max(1, ...days.map((day) => day.q1 + day.q2 + day.q3 + day.q4));
  const maxGoldstein = Math.max(1, ...days.map((day) => Math.abs(day.goldstein)));
  const step = plotWidth / days.length;
  const svg = svgNode("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "dyad barometer" });
  const zero = top + plotHeight / 2;
  svg.append(svgNode("line", { x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, stroke: "#999" }));
  svg.append(svgNode("line", { x1: left, y1: zero, x2: left + plotWidth, y2: zero, stroke: "#ccc", "stroke-dasharray": "3 3" }));
  svg.append(svgNode("text", { x: 2, y: top + 8, "font-size": 9, fill: "#666" }, String(maxCount)));
  svg.append(svgNode("text", { x: width - right + 3, y: top + 8, "font-size": 9, fill: "#666" }, `+${maxGoldstein}`));
  svg.append(svgNode("text", { x: width - right + 3, y: top + plotHeight, "font-size": 9, fill: "#666" }, `−${maxGoldstein}`));
  const line = [];
  days.forEach((day, index) => {
    const x = left + index * step;
    let base = top + plotHeight;
    for (const quad of [1, 2, 3, 4]) {
      const count = day[`q${quad}`];
      if (!count) continue;
      const barHeight = (count / maxCount) * plotHeight;
      base -= barHeight;
      const bar = svgNode("rect", {
        class: "bar", x: x + step * 0.15, y: base, width: Math.max(step * 0.7, 1), height: barHeight,
        fill: QUAD_COLOURS[quad],
      });
      bar.append(svgNode("title", {}, `${day.day}: ${count} event(s) of quad class ${quad}`));
      svg.append(bar);
    }
    line.push(`${x + step / 2},${zero - (day.goldstein / maxGoldstein) * (plotHeight / 2)}`);
    if (days.length <= 12 || index % Math.ceil(days.length / 8) === 0) {
      svg.append(svgNode("text", { x: x + step / 2, y: height - bottom + 14, "font-size": 9, "text-anchor": "middle", fill: "#444" }, day.day.slice(5)));
    }
  });
  svg.append(svgNode("polyline", { class: "goldstein", points: line.join(" "), fill: "none", stroke: "#222", "stroke-width": 1.5 }));
  for (const point of line) {
    const [x, y] = point.split(",");
    svg.append(svgNode("circle", { cx: x, cy: y, r: 2.2, fill: "#222" }));
  }
  svg.append(svgNode("text", { x: left, y: height - 4, "font-size": 9, fill: "#666" },
    `${first} ⇄ ${second}: daily events by quad class (bars), Goldstein sum (line)`));
  box.replaceChildren(svg);
}

async function loadSummary() {
  const summary = await getJson("/api/summary");
  if (!state.vocabulary) {
    state.vocabulary = summary.vocabulary;
    fillSelect($("#f-type"), summary.vocabulary.types, [$("#f-type").options[0]]);
    fillSelect($("#f-status"), summary.vocabulary.statuses, [$("#f-status").options[0]]);
  }
  tableRows("#top-dyads", summary.top_dyads, (row) => [row.dyad, row.events, row.goldstein]);
  tableRows("#top-stories", summary.top_stories, (row) => [
    row.dyad, row.event_type, row.event_day, row.num_mentions, row.num_articles, row.num_sources]);
  const deadLetters = $("#dead-letters");
  deadLetters.replaceChildren(...summary.dead_letters.map((row) => element("li", "", `${row.reason}: ${row.count}`)));
  if (!summary.dead_letters.length) deadLetters.append(element("li", "empty", "none"));
  drawMap(summary.places);
  const changed = summary.countries.join() !== state.countries.join();
  state.countries = summary.countries;
  if (changed) {
    const firstPick = !$("#b-first").value;
    fillSelect($("#b-first"), summary.countries, []);
    fillSelect($("#b-second"), summary.countries, []);
    if (firstPick && summary.top_dyads.length) {
      const [a, b] = summary.top_dyads.map((row) => row.dyad.split("|"))
        .find(([x, y]) => summary.countries.includes(x) && summary.countries.includes(y)) || [];
      if (a && b) { $("#b-first").value = a; $("#b-second").value = b; }
    } else if (firstPick && summary.countries.length > 1) {
      $("#b-second").value = summary.countries[1];
    }
  }
  await drawBarometer();
}

let summaryTimer = null;
function refreshSummarySoon() {
  clearTimeout(summaryTimer);
  summaryTimer = setTimeout(() => loadSummary().catch(showError), 500);
}

function showError(error) {
  $("#status").textContent = `error: ${error.message}`;
  $("#status").classList.remove("live");
}

function follow() {
  const stream = new EventSource("/api/stream");
  stream.onopen = () => {
    $("#status").textContent = "live";
    $("#status").classList.add("live");
    loadFeed().catch(showError);
  };
  stream.onerror = () => {
    $("#status").textContent = "reconnecting…";
    $("#status").classList.remove("live");
  };
  stream.addEventListener("events", (message) => {
    const arrived = JSON.parse(message.data).filter((event) => matches(event, state.filter));
    if (!arrived.length) return;
    arrived.sort((a, b) => b.received_at.localeCompare(a.received_at));
    for (const event of arrived) event.fresh = true;
    state.events = arrived.concat(state.events).slice(0, FEED_MAX);
    renderFeed();
  });
  stream.addEventListener("changed", refreshSummarySoon);
}

function start() {
  const form = $("#filters");
  form.addEventListener("input", () => loadFeed().catch(showError));
  form.addEventListener("change", () => loadFeed().catch(showError));
  form.addEventListener("reset", () => setTimeout(() => loadFeed().catch(showError), 0));
  form.addEventListener("submit", (event) => event.preventDefault());
  $("#b-first").addEventListener("change", () => drawBarometer().catch(showError));
  $("#b-second").addEventListener("change", () => drawBarometer().catch(showError));
  loadSummary().then(loadFeed).then(follow).catch(showError);
}

start();
