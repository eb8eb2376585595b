// The sweep report: renders a ReportModel (src/Coordinator/Report/ReportModel.cs) into #app.
// `sweep report` embeds the model in #report-data; `sweep dashboard` serves the same page with
// #dashboard-config instead, fetches the model and applies the trials its event stream sends.
// Every stored string reaches the page through textContent or an attribute set by the DOM, never
// through HTML parsing, so a sweep named "<script>…" shows as that text.
(function () {
  "use strict";

  const palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];
  const chartHeight = 220;
  const charts = [
    { title: "Losses", series: [["loss_d", "loss D"], ["loss_g", "loss G"]] },
    { title: "Balance: D(x) and D(G(z)) should meet at 0.5", series: [["d_x", "D(x)"], ["d_g_z_before", "D(G(z))"], ["d_acc_real", "D accuracy, real"], ["d_acc_fake", "D accuracy, fake"]], half: true },
    { title: "Gradient norms", series: [["grad_norm_d", "‖∇D‖"], ["grad_norm_g", "‖∇G‖"]] },
    // Scored at epoch ends only, so its points are far apart among the other records' steps.
    { title: "Quick FID: small-sample FID at epoch ends, lower is better", series: [["fid_quick", "quick FID"]], sparse: true },
  ];
  const compareMetrics = [["loss_d", "loss D"], ["loss_g", "loss G"], ["d_x", "D(x)"], ["d_g_z_before", "D(G(z))"], ["d_acc_real", "D accuracy, real"], ["d_acc_fake", "D accuracy, fake"], ["grad_norm_d", "‖∇D‖"], ["grad_norm_g", "‖∇G‖"], ["fid_quick", "quick FID"]];

  let model = null;
  let sortState = null;
  const selected = new Set();
  let compareMetric = "loss_d";
  const live = new Map(); // trial id -> uPlot instances drawn for it
  let observer = null;

  // ---- small DOM helpers: text only ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    return node;
  }
  function fmt(v) {
    if (v == null) return "–";
    if (typeof v !== "number") return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-4 || a >= 1e5) ? v.toExponential(2) : String(+v.toPrecision(4));
  }
  function width(container) {
    return Math.max(320, Math.min(container.clientWidth || 640, 900));
  }

  // ---- the page ----
  function render(next) {
    model = next;
    destroyCharts();
    const app = document.getElementById("app");
    app.replaceChildren(header(), section("Results", resultsTable()), ...(model.lineage ? [lineageSection()] : []), section("Hyperparameter effects", effects()),
      section("Compare", compare()), el("section", { id: "trials" }, el("h2", { text: "Trials" }), ...model.trials.map(trialSection)));
    drawCompare();
    observeTrials();
    document.body.dataset.ready = "true";
  }

  function section(title, ...content) {
    return el("section", { id: title.toLowerCase().split(" ")[0] }, el("h2", { text: title }), ...content.flat());
  }

  function header() {
    const population = model.population;
    const summary = Object.entries(population.counts).map(([s, n]) => `${n} ${s}`).join(", ");
    const goal = model.minimize ? "lower is better" : "higher is better";
    const shown = model.trials.length < population.trials
      ? el("p", { class: "note", id: "shown", text: `${model.trials.length} of the ${population.trials} trials are shown whole: in the table and below, the best first unless chosen with --trials. The effect charts plot the whole sweep; 'sweep show ${model.sweep}' lists every trial.` })
      : null;
    return el("header", {},
      el("h1", { id: "sweep-name", text: model.sweep }),
      model.description ? el("p", { class: "description", text: model.description }) : null,
      el("p", { class: "summary", text: `${population.trials} trial${population.trials === 1 ? "" : "s"} (${summary}); ranked by ${model.metric}, ${goal}.` }),
      shown,
      el("p", { class: "note", text: `Curves longer than ${model.limits.pointsPerCurve} points are drawn from ${model.limits.pointsPerCurve / 2} buckets, each as its minimum and maximum, so spikes stay visible. Film strips show at most ${model.limits.framesPerTrial} sample grids per trial (fewer where grids are large, as colour ones are), evenly spaced, the last always among them.` }));
  }

  // ---- results table ----
  function resultsTable() {
    const table = el("table", { class: "results", id: "results-table" });
    const head = el("tr", {}, el("th", { text: "compare" }));
    model.columns.forEach((name, i) => {
      const th = el("th", { class: "sortable", "data-column": name, text: name, onclick: () => sortBy(i) });
      if (sortState && sortState.column === i) th.classList.add(sortState.descending ? "descending" : "ascending");
      head.append(th);
    });
    table.append(el("thead", {}, head));
    const body = el("tbody");
    for (const t of sortedTrials()) {
      const box = el("input", { type: "checkbox", "data-trial": String(t.id), "aria-label": `compare trial ${t.id}` });
      box.checked = selected.has(t.id);
      box.addEventListener("change", () => { box.checked ? selected.add(t.id) : selected.delete(t.id); drawCompare(); });
      const row = el("tr", { "data-trial": String(t.id), class: `status-${t.status}` }, el("td", {}, box));
      t.display.forEach((text, i) => {
        const name = model.columns[i];
        const cell = el("td", { "data-column": name });
        if (name === "trial") cell.append(el("a", { href: `#trial-${t.id}`, text }));
        else cell.textContent = text;
        if (name === "flags" && text) cell.classList.add("flagged");
        if (name === "status") cell.classList.add(`status-${t.status}`);
        if (typeof t.values[i] === "number") cell.classList.add("number");
        row.append(cell);
      });
      body.append(row);
    }
    table.append(body);
    return el("div", { class: "table-wrap" }, table);
  }

  function sortedTrials() {
    if (!sortState) return model.trials;
    const i = sortState.column, sign = sortState.descending ? -1 : 1;
    return [...model.trials].sort((a, b) => {
      const x = a.values[i], y = b.values[i];
      if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1; // missing values last
      if (typeof x === "number" && typeof y === "number") return sign * (x - y);
      return sign * String(x).localeCompare(String(y));
    });
  }

  function sortBy(column) {
    sortState = sortState && sortState.column === column ? { column, descending: !sortState.descending } : { column, descending: false };
    document.querySelector("#results .table-wrap").replaceWith(resultsTable());
  }

  // ---- a pbt population: its lineage and its members' schedules ----
  function lineageSection() {
    const lineage = model.lineage;
    return section("Population",
      el("p", { class: "note", text: `Each bar is a stretch of a member, one trial, coloured by its ${model.metric} among the stretches that ended at the same step: green is better, grey is not scored. A line joins a stretch to the one whose checkpoint it copied from another member (an exploit); 'sweep trial ID' lists a trial's whole schedule.` }),
      lineageChart(lineage),
      el("div", { class: "effects" }, ...lineage.mutations.map((key, i) => scheduleChart(lineage, key, i))));
  }

  // The step the population's furthest stretch reached: the charts' step axes end there, so a
  // sweep cut short (budget, run_cap) or still running uses their whole width.
  function reached(lineage) {
    return Math.max(1, ...lineage.stretches.map(s => s.to));
  }

  function lineageChart(lineage) {
    const lane = 26, left = 80, right = 20, top = 10, bottom = 34;
    const w = 900, h = top + lane * lineage.population + bottom;
    const x = step => left + (step / reached(lineage)) * (w - left - right);
    const y = member => top + lane * member + lane / 2;
    const root = svg("svg", { viewBox: `0 0 ${w} ${h}`, width: w, height: h, class: "lineage", role: "img" });
    // Quality within each comparison: the stretches that ended at the same step.
    const groups = new Map();
    for (const s of lineage.stretches) if (s.score != null) (groups.get(s.to) || groups.set(s.to, []).get(s.to)).push(s.score);
    const quality = s => {
      const scores = groups.get(s.to), lo = Math.min(...scores), hi = Math.max(...scores);
      const good = hi === lo ? 0.5 : (s.score - lo) / (hi - lo);
      return model.minimize ? 1 - good : good;
    };
    for (let m = 0; m < lineage.population; m++) {
      // In the member's colour, as its line in the schedule charts below.
      const label = svg("text", { x: left - 8, y: y(m) + 4, "text-anchor": "end", class: "tick", style: `fill: ${palette[m % palette.length]}` });
      label.textContent = `member ${m}`;
      root.append(label);
    }
    for (const step of [...new Set([0, ...lineage.stretches.map(s => s.to)])]) {
      root.append(svg("line", { x1: x(step), x2: x(step), y1: top, y2: h - bottom, stroke: "#eee" }));
      const tick = svg("text", { x: x(step), y: h - bottom + 14, "text-anchor": "middle", class: "tick" });
      tick.textContent = fmt(step);
      root.append(tick);
    }
    const axis = svg("text", { x: (left + w - right) / 2, y: h - 4, "text-anchor": "middle", class: "axis-label" });
    axis.textContent = reached(lineage) < lineage.totalSteps ? `step (of ${fmt(lineage.totalSteps)} planned)` : "step";
    root.append(axis);
    const byId = new Map(lineage.stretches.map(s => [s.id, s]));
    for (const s of lineage.stretches) {
      const fill = s.score == null ? "#ccc" : `hsl(${Math.round(quality(s) * 120)},65%,45%)`;
      const bar = svg("rect", { x: x(s.from) + 1, y: y(s.member) - lane * 0.3, width: Math.max(x(s.to) - x(s.from) - 2, 1), height: lane * 0.6, fill, class: "stretch", "data-trial": s.id, "data-member": s.member });
      const options = lineage.mutations.map((key, i) => `${key}=${fmt(s.options[i])}`).join(" ");
      bar.append(Object.assign(svg("title"), { textContent: `trial ${s.id}, member ${s.member}, steps ${s.from}–${s.to}: ${model.metric} ${fmt(s.score)}${s.copied ? `, copied trial ${s.parent}` : ""}; ${options}` }));
      root.append(bar);
      const parent = s.copied ? byId.get(s.parent) : null;
      if (parent) {
        const link = svg("path", { d: `M${x(s.from) - 8},${y(parent.member)} L${x(s.from) + 4},${y(s.member)}`, stroke: "#333", "stroke-width": 1.5, fill: "none", class: "exploit", "data-from": parent.id, "data-to": s.id });
        link.append(Object.assign(svg("title"), { textContent: `trial ${s.id} (member ${s.member}) copied trial ${parent.id} (member ${parent.member}) at step ${s.from}` }));
        root.append(link);
      }
    }
    return el("div", { class: "chart", id: "lineage" }, el("h3", { text: "Lineage: which member trained which steps, and whom it copied" }), root);
  }

  // One mutable option over steps: a step line per member, each stretch at the value it trained with.
  function scheduleChart(lineage, key, index) {
    const w = 420, h = chartHeight, left = 72, right = 12, top = 12, bottom = 34;
    const values = lineage.stretches.map(s => s.options[index]).filter(v => v != null);
    const numeric = numericAxis(values);
    const labels = numeric ? null : [...new Set(values.map(String))].sort();
    const log = numeric && logScale(key, values);
    const f = v => (numeric ? (log ? Math.log10(v) : v) : labels.indexOf(String(v)));
    const lo = Math.min(...values.map(f)), hi = Math.max(...values.map(f));
    const x = step => left + (step / reached(lineage)) * (w - left - right);
    const y = v => h - bottom - (hi === lo ? 0.5 : (f(v) - lo) / (hi - lo)) * (h - top - bottom);
    const root = svg("svg", { viewBox: `0 0 ${w} ${h}`, width: w, height: h, class: "schedule", role: "img", "data-param": key });
    for (const tick of numeric ? [lo, hi] : labels.map((_, i) => i)) {
      const value = numeric ? (log ? 10 ** tick : tick) : labels[tick];
      const text = svg("text", { x: left - 6, y: y(numeric ? value : labels[tick]) + 4, "text-anchor": "end", class: "tick" });
      text.textContent = fmt(value);
      root.append(text);
    }
    const axis = svg("text", { x: (left + w - right) / 2, y: h - 6, "text-anchor": "middle", class: "axis-label" });
    axis.textContent = `step (${key}${log ? ", log" : ""} by member)`;
    root.append(axis);
    for (let m = 0; m < lineage.population; m++) {
      const own = lineage.stretches.filter(s => s.member === m && s.options[index] != null);
      if (own.length === 0) continue;
      // A step line: each stretch level at its value, joined where the next one starts.
      const d = own.map((s, i) => `${i ? "L" : "M"}${x(s.from).toFixed(1)},${y(s.options[index]).toFixed(1)} L${x(s.to).toFixed(1)},${y(s.options[index]).toFixed(1)}`).join(" ");
      const line = svg("path", { d, stroke: palette[m % palette.length], "stroke-width": 2, fill: "none", "data-member": m });
      line.append(Object.assign(svg("title"), { textContent: `member ${m}: ${own.map(s => `${s.from}–${s.to} ${fmt(s.options[index])}`).join(", ")}` }));
      root.append(line);
    }
    return el("div", { class: "chart" }, el("h3", { text: `${key} by member` }), root);
  }

  function updateLineage(lineage) {
    model.lineage = lineage;
    const shown = document.getElementById("population");
    if (shown) shown.replaceWith(lineageSection());
    else document.getElementById("results").after(lineageSection());
  }

  // ---- hyperparameter effects ----
  function numericAxis(values) {
    return values.every(v => typeof v === "number");
  }
  function logScale(key, values) {
    const positive = values.filter(v => v > 0);
    return positive.length === values.length && values.length > 1 && (Math.max(...positive) / Math.min(...positive) >= 20 || /(^|_)lr$/.test(key));
  }

  // The population's points as trials: id, score and swept values, in rank order.
  function populationPoints() {
    const p = model.population;
    return p.ids.map((id, i) => ({ id, score: p.scores[i], params: Object.fromEntries(Object.entries(p.params).map(([k, values]) => [k, values[i]])) }));
  }

  function effects() {
    const p = model.population;
    const scored = populationPoints();
    const keys = model.swept.filter(k => k !== "seed");
    if (keys.length === 0) return [el("p", { class: "missing", text: model.swept.length ? "The sweep varies only the seed: there is no effect to plot." : "The sweep varies no option: there is no effect to plot." })];
    if (scored.length === 0) return [el("p", { class: "missing", text: `No trial has a ${model.metric} yet: effects appear as trials complete.` })];
    const replicated = model.swept.includes("seed") ? " Seeds are replicates: each is its own point, and a dashed line joins the means of an option's values when they were tried more than once." : "";
    const sampled = scored.length < p.scored ? ` ${scored.length} of the ${p.scored} scored trials are plotted: the best, then the rest evenly spaced by rank.` : "";
    const out = [el("p", { class: "note", id: "effects-note", text: `${model.metric} against each swept option, one point per trial.${replicated}${sampled}` })];
    const grid = el("div", { class: "effects" });
    for (const key of keys) grid.append(effectChart(key, scored));
    out.push(grid);
    if (keys.length >= 2) out.push(parallelCoordinates(keys, p.lines.map(i => scored[i])));
    return out;
  }

  function effectChart(key, scored) {
    const box = el("div", { class: "chart effect", "data-param": key });
    const raw = scored.map(t => t.params[key]);
    const numeric = numericAxis(raw);
    const labels = numeric ? null : [...new Set(raw.map(String))].sort();
    const points = scored.map(t => [numeric ? t.params[key] : labels.indexOf(String(t.params[key])), t.score]).sort((a, b) => a[0] - b[0]);
    const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
    // A line through the means only where values are tried twice or more on average (a grid's,
    // replicated over seeds): through a random sweep's values, nearly each drawn once, it would
    // only zigzag between the points.
    const sums = new Map();
    for (const [x, y] of points) { const s = sums.get(x) || [0, 0]; s[0] += y; s[1]++; sums.set(x, s); }
    const repeated = 2 * sums.size <= points.length;
    const means = xs.map(x => sums.get(x)[0] / sums.get(x)[1]);
    const log = numeric && logScale(key, raw);
    const opts = {
      width: 420, height: chartHeight, title: key,
      scales: { x: numeric ? { time: false, distr: log ? 3 : 1 } : { time: false, range: [-0.5, labels.length - 0.5] } },
      axes: [
        numeric ? { label: key + (log ? " (log)" : ""), values: (u, splits) => splits.map(v => (v == null ? "" : fmt(v))) }
          : { label: key, splits: () => labels.map((_, i) => i), values: (u, splits) => splits.map(i => labels[i] ?? "") },
        { label: model.metric },
      ],
      series: [{ label: key }, { label: model.metric, stroke: palette[0], paths: () => null, points: { show: true, size: points.length > 1000 ? 3 : 7, fill: palette[0] } },
        ...(repeated ? [{ label: "mean", stroke: "#999", width: 1, dash: [4, 4], points: { show: false } }] : [])],
      legend: { show: false },
    };
    queueChart(box, opts, repeated ? [xs, ys, means] : [xs, ys]);
    return box;
  }

  function parallelCoordinates(keys, scored) {
    const axes = [...keys, model.metric];
    const w = Math.max(120 * axes.length, 480), h = 260, pad = 40;
    const root = svg("svg", { viewBox: `0 0 ${w} ${h}`, width: w, height: h, class: "parallel", role: "img" });
    const scales = axes.map(key => {
      const values = scored.map(t => key === model.metric ? t.score : t.params[key]);
      if (numericAxis(values)) {
        const log = key !== model.metric && logScale(key, values);
        const f = v => (log ? Math.log10(v) : v);
        const lo = Math.min(...values.map(f)), hi = Math.max(...values.map(f));
        return { position: v => (hi === lo ? 0.5 : (f(v) - lo) / (hi - lo)), ticks: [...new Set(values)].sort((a, b) => a - b) };
      }
      const labels = [...new Set(values.map(String))].sort();
      return { position: v => (labels.length === 1 ? 0.5 : labels.indexOf(String(v)) / (labels.length - 1)), ticks: labels };
    });
    const x = i => pad + (i * (w - 2 * pad)) / (axes.length - 1);
    const y = p => h - pad - p * (h - 2 * pad);
    const scores = scored.map(t => t.score), lo = Math.min(...scores), hi = Math.max(...scores);
    for (const t of scored) {
      const good = hi === lo ? 0.5 : (t.score - lo) / (hi - lo);
      const quality = model.minimize ? 1 - good : good;
      const d = axes.map((key, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(scales[i].position(key === model.metric ? t.score : t.params[key])).toFixed(1)}`).join(" ");
      const line = svg("path", { d, fill: "none", stroke: `hsl(${Math.round(quality * 120)},70%,40%)`, "stroke-width": 1.5, "stroke-opacity": 0.8, "data-trial": t.id });
      line.append(Object.assign(svg("title"), { textContent: `trial ${t.id}: ${model.metric} ${fmt(t.score)}` }));
      root.append(line);
    }
    axes.forEach((key, i) => {
      root.append(svg("line", { x1: x(i), x2: x(i), y1: y(0), y2: y(1), stroke: "#444" }));
      const label = svg("text", { x: x(i), y: pad - 18, "text-anchor": "middle", class: "axis-label" });
      label.textContent = key;
      root.append(label);
      for (const tick of scales[i].ticks.slice(0, 8)) {
        const text = svg("text", { x: x(i) + 4, y: y(scales[i].position(tick)) + 3, class: "tick" });
        text.textContent = fmt(tick);
        root.append(text);
      }
    });
    const drawn = scored.length < model.population.scored ? ` (${scored.length} of the ${model.population.scored} scored trials, sampled by rank)` : "";
    return el("div", { class: "chart" }, el("h3", { text: `Parallel coordinates: green is better${drawn}` }), root);
  }

  // ---- compare ----
  function compare() {
    const choose = el("select", { id: "compare-metric", onchange: e => { compareMetric = e.target.value; drawCompare(); } });
    for (const [key, label] of compareMetrics) {
      const option = el("option", { value: key, text: label });
      option.selected = key === compareMetric;
      choose.append(option);
    }
    return [el("p", { class: "note" }, el("label", { text: "Overlay " }, choose), " for the trials ticked in the table."), el("div", { id: "compare-chart", class: "chart" })];
  }

  function drawCompare() {
    const box = document.getElementById("compare-chart");
    if (!box) return;
    for (const chart of live.get("compare") || []) chart.destroy();
    live.delete("compare");
    box.replaceChildren();
    const trials = model.trials.filter(t => selected.has(t.id) && t.curves && t.curves.series[compareMetric]);
    if (trials.length === 0) {
      box.append(el("p", { class: "missing", text: selected.size ? "The ticked trials have no such metric recorded." : "Tick trials in the table to overlay their curves." }));
      return;
    }
    const data = uPlot.join(trials.map(t => [t.curves.steps, t.curves.series[compareMetric]]));
    const label = compareMetrics.find(m => m[0] === compareMetric)[1];
    const opts = {
      width: width(box), height: 280, title: `${label} by step`,
      scales: { x: { time: false } },
      axes: [{ label: "step" }, { label }],
      series: [{ label: "step" }, ...trials.map((t, i) => ({ label: `trial ${t.id}`, stroke: palette[i % palette.length], width: 1.5, spanGaps: true, points: { show: false } }))],
    };
    live.set("compare", [new uPlot(opts, data, box)]);
  }

  // ---- per trial ----
  function trialSection(t) {
    const params = Object.entries(t.params).map(([k, v]) => `${k}=${fmt(v)}`).join(" ");
    const head = el("h3", {}, `Trial ${t.id}`, params ? el("span", { class: "params", text: " " + params }) : null,
      el("span", { class: `badge status-${t.status}`, text: t.status }));
    for (const flag of t.flags) head.append(el("span", { class: "badge flag", text: flag }));
    const progress = el("p", { class: "progress" }, "step ", el("span", { "data-testid": `step-${t.id}`, text: String(t.step) }),
      t.totalSteps > 0 ? ` of ${t.totalSteps}` : "");
    const box = el("section", { class: "trial", id: `trial-${t.id}`, "data-trial": String(t.id) }, head, progress);
    if (t.error) box.append(el("p", { class: "error", text: t.error }));
    const scores = Object.entries(t.scores);
    box.append(scores.length
      ? el("dl", { class: "scores" }, ...scores.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: fmt(v) })]))
      : el("p", { class: "missing", text: t.status === "completed" ? "No quality scores stored." : "No final scores: the trial did not complete." }));
    for (const mark of marks(t)) box.append(el("p", { class: `mark ${mark.kind}`, text: mark.text }));
    if (!t.curves) box.append(el("p", { class: "missing", text: "No metrics recorded yet." }));
    else {
      const thinned = t.curves.steps.length < t.curves.records ? ` (${t.curves.records} records, thinned to ${t.curves.steps.length} points)` : "";
      box.append(el("div", { class: "trial-charts", "data-trial": String(t.id), "data-note": thinned }));
    }
    box.append(filmStrip(t));
    return box;
  }

  function filmStrip(t) {
    if (t.frames.length === 0) return el("p", { class: "missing", text: "No sample grids stored." });
    const strip = el("div", { class: "filmstrip" });
    for (const frame of t.frames) strip.append(el("figure", {}, el("img", { src: frame.png, alt: `trial ${t.id}, epoch ${frame.epoch}`, loading: "lazy", width: 168, height: 168 }), el("figcaption", { text: `epoch ${frame.epoch}` })));
    const shown = t.frames.length < t.gridsStored ? `${t.frames.length} of ${t.gridsStored} sample grids, evenly spaced` : `${t.gridsStored} sample grids, one per stored epoch`;
    return el("div", {}, el("p", { class: "note", text: shown }), strip);
  }

  function drawTrialCharts(container) {
    const id = Number(container.dataset.trial);
    const t = model.trials.find(x => x.id === id);
    if (!t || !t.curves || live.has(id)) return;
    const made = [];
    for (const spec of charts) {
      const present = spec.series.filter(([key]) => t.curves.series[key]);
      if (present.length === 0) continue;
      const box = el("div", { class: "chart", "data-chart": spec.title.split(":")[0].toLowerCase() });
      container.append(box);
      const data = [t.curves.steps, ...present.map(([key]) => t.curves.series[key])];
      const series = [{ label: "step" }, ...present.map(([, label], i) => ({ label, stroke: palette[i], width: 1.5, spanGaps: !!spec.sparse, points: { show: !!spec.sparse } }))];
      if (spec.half) {
        data.push(t.curves.steps.map(() => 0.5));
        series.push({ label: "0.5", stroke: "#888", dash: [6, 4], width: 1, points: { show: false } });
      }
      const opts = {
        width: width(container), height: chartHeight, title: spec.title + container.dataset.note,
        scales: { x: { time: false } }, axes: [{ label: "step" }, {}], series,
        hooks: { draw: [u => drawMarks(u, marks(t))] },
      };
      made.push(new uPlot(opts, data, box));
    }
    live.set(id, made);
  }

  // What a trial's charts mark with a vertical line, and its section says in words: where each
  // health flag fired (red), where early termination stopped it (orange), and the step of the
  // generator its scores are of (green), which is its best, not its last, unless asked otherwise.
  function marks(t) {
    const found = t.flagMarks.map(m => ({ kind: "flag", step: m.step, label: m.flag, color: "#c00", text: `${m.flag} fired at step ${m.step}` }));
    if (t.stoppedAt != null) found.push({ kind: "stopped", step: t.stoppedAt, label: "stopped", color: "#e67e00", text: `stopped early at step ${t.stoppedAt}` });
    if (t.scoredStep != null && Object.keys(t.scores).length > 0)
      found.push({ kind: "scored", step: t.scoredStep, label: "scored", color: "#2ca02c", text: `scores are of the generator at step ${t.scoredStep}` });
    return found;
  }

  function drawMarks(u, marks) {
    const ctx = u.ctx;
    marks.forEach((mark, i) => {
      const x = u.valToPos(mark.step, "x", true);
      if (!Number.isFinite(x)) return;
      ctx.save();
      ctx.strokeStyle = mark.color;
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.setLineDash([5 * devicePixelRatio, 3 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.fillStyle = mark.color;
      ctx.font = `${11 * devicePixelRatio}px sans-serif`;
      // Marks at one step (a flag and the stop it caused) get a line of label each.
      ctx.fillText(mark.label, x + 4 * devicePixelRatio, u.bbox.top + (12 + 13 * i) * devicePixelRatio);
      ctx.restore();
    });
  }

  // Charts are drawn as their trial scrolls near, so that a 200-trial report opens at once.
  function observeTrials() {
    observer = new IntersectionObserver(entries => {
      for (const entry of entries) if (entry.isIntersecting) { drawTrialCharts(entry.target); observer.unobserve(entry.target); }
    }, { rootMargin: "400px" });
    document.querySelectorAll(".trial-charts").forEach(c => observer.observe(c));
  }

  function queueChart(box, opts, data) {
    // Effect charts are few and at the top: drawn once the box is in the page.
    requestAnimationFrame(() => { const chart = new uPlot(opts, data, box); (live.get("effects") || live.set("effects", []).get("effects")).push(chart); });
  }

  function destroyCharts() {
    if (observer) observer.disconnect();
    for (const list of live.values()) for (const chart of list) chart.destroy();
    live.clear();
  }

  // ---- live updates (sweep dashboard) ----
  function update(trials) {
    for (const t of trials) {
      const i = model.trials.findIndex(x => x.id === t.id);
      if (i < 0) model.trials.push(t); else model.trials[i] = t;
      const old = document.getElementById(`trial-${t.id}`);
      for (const chart of live.get(t.id) || []) chart.destroy();
      live.delete(t.id);
      const fresh = trialSection(t);
      if (old) old.replaceWith(fresh); else document.getElementById("trials").append(fresh);
      const container = fresh.querySelector(".trial-charts");
      if (container) observer.observe(container);
    }
    // Ranked again as `sweep show` ranks: by the metric, trials without one last, then by id.
    const sign = model.minimize ? 1 : -1;
    model.trials.sort((a, b) => (a.score == null) - (b.score == null) || sign * ((a.score ?? 0) - (b.score ?? 0)) || a.id - b.id);
    document.querySelector("#results .table-wrap").replaceWith(resultsTable());
    drawCompare();
  }

  // The sweep's counts and effect-chart points, sent anew after the trials that changed.
  function updatePopulation(population) {
    model.population = population;
    document.querySelector("header").replaceWith(header());
    // Effects change as trials get scores: redrawn whole, they are a chart per swept option.
    for (const chart of live.get("effects") || []) chart.destroy();
    live.delete("effects");
    document.getElementById("hyperparameter").replaceWith(section("Hyperparameter effects", effects()));
  }

  function dashboard(config) {
    const params = new URLSearchParams(location.search);
    const name = params.get("sweep");
    const app = document.getElementById("app");
    if (!name) {
      // What `sweep ls` shows, with each sweep's best score, redrawn every few seconds.
      const index = () => fetch("api/sweeps").then(r => r.json()).then(sweeps => {
        const states = sweeps.length ? Object.keys(sweeps[0].counts) : [];
        const head = el("tr", {}, ...["sweep", "trials", ...states, "metric", "best", "created"].map(h => el("th", { text: h })));
        const rows = sweeps.map(s => el("tr", {},
          el("td", {}, el("a", { href: `?sweep=${encodeURIComponent(s.name)}`, text: s.name })),
          el("td", { text: String(s.trials) }),
          ...states.map(state => el("td", { text: String(s.counts[state]) })),
          el("td", { text: `${s.metric} (${s.minimize ? "min" : "max"})` }),
          el("td", { class: "best", text: fmt(s.best) }),
          el("td", { text: new Date(s.created).toLocaleString() })));
        const table = el("table", { class: "sweeps" }, el("thead", {}, head), el("tbody", {}, ...rows));
        app.replaceChildren(el("h1", { text: `Sweeps in ${config.store}` }), sweeps.length ? table : el("p", { class: "missing", text: "No sweeps stored yet." }));
        document.body.dataset.ready = "true";
      });
      index().then(() => setInterval(index, 5000));
      return;
    }
    // The stream's first event is the whole model; later ones carry the trials that changed.
    // EventSource reconnects by itself, and a new connection starts with the model again.
    const events = new EventSource(`api/sweeps/${encodeURIComponent(name)}/events`);
    events.addEventListener("model", e => render(JSON.parse(e.data)));
    events.addEventListener("trials", e => update(JSON.parse(e.data)));
    events.addEventListener("population", e => updatePopulation(JSON.parse(e.data)));
    events.addEventListener("lineage", e => updateLineage(JSON.parse(e.data)));
    events.addEventListener("problem", e => {
      events.close();
      app.replaceChildren(el("p", { class: "error", text: JSON.parse(e.data) }));
      document.body.dataset.ready = "true";
    });
  }

  // charts(id): the data a trial's drawn charts hold, for a reader (or a test) to check against the store.
  const drawn = id => (live.get(id) || []).map(u => ({ labels: u.series.map(s => s.label), data: u.data.map(column => Array.from(column)) }));
  window.SweepReport = { render, update, updatePopulation, updateLineage, charts: drawn };
  const embedded = document.getElementById("report-data");
  const config = document.getElementById("dashboard-config");
  if (embedded) render(JSON.parse(embedded.textContent));
  else if (config) dashboard(JSON.parse(config.textContent));
})();
