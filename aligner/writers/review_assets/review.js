/* The review page. Renders the alignment embedded as JSON in #review-data.
 * Document text only ever goes into the page through textContent: never innerHTML. */
"use strict";
(() => {
  const started = performance.now();
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const meta = data.meta;
  const links = data.links;
  const units = data.units;
  const disagreements = data.disagreements;
  const numbers = new Intl.NumberFormat("en");
  const state = {
    rows: [],       // link number -> row element
    boxes: [],      // unit number -> {box, note}
    shown: [],      // link numbers that pass the filter, in order
    current: -1,    // link number of the highlighted link
    currentDis: -1, // position in disUnits of the highlighted disagreement
  };
  const disUnits = [...new Set(disagreements.filter((d) => d.unit >= 0).map((d) => d.unit))]
    .sort((a, b) => a - b);
  const ui = {};

  // --- small helpers ---------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function band(confidence) {
    return data.bands.find((b) => confidence >= b.min) || data.bands[data.bands.length - 1];
  }

  /** Two decimals, rounded down so that a link shown as 0.90 is never below 0.9. */
  const fixed2 = (value) => (Math.floor(value * 100 + 1e-9) / 100).toFixed(2);
  const short = (value) => String(Number(value.toFixed(3)));
  const isGap = (kind) => kind.startsWith("0-") || kind.endsWith("-0");
  const sideName = (lang, name) => `${name} (${lang})`;

  /** First position in the sorted array whose value is >= target. */
  function lowerBound(sorted, target) {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle] < target) low = middle + 1; else high = middle;
    }
    return low;
  }

  // --- header and summary ----------------------------------------------------------------

  function renderHeader() {
    const head = el("header", "page-head");
    const top = el("div", "head-row");
    top.append(el("h1", null, meta.title), keysHelp());
    head.append(top);
    const facts = el("dl", "facts");
    const fact = (term, value, mono) => {
      const item = el("div");
      item.append(el("dt", null, term), el("dd", mono ? "mono" : null, value || "\u2014"));
      facts.append(item);
    };
    fact("Symbol", meta.symbol);
    fact("Languages", `${sideName(meta.source_lang, meta.source_lang_name)} \u2192 ${sideName(meta.target_lang, meta.target_lang_name)}`);
    fact("Source", meta.source_path, true);
    fact("Target", meta.target_path, true);
    head.append(facts);
    return head;
  }

  function linksCard() {
    const card = el("div", "card");
    const below = links.filter((link) => link.c < meta.threshold).length;
    card.append(el("h2", null, "Links"), el("div", "big", numbers.format(links.length)),
      el("div", "big-note", `${numbers.format(below)} below ${short(meta.threshold)}`));
    const counts = new Map();
    for (const link of links) counts.set(link.k, (counts.get(link.k) || 0) + 1);
    const table = el("table", "kinds");
    const body = el("tbody");
    [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).forEach(([kind, count]) => {
      const row = el("tr", isGap(kind) ? "gap-kind" : null);
      row.append(el("td", null, kind), el("td", null, numbers.format(count)));
      body.append(row);
    });
    table.append(body);
    card.append(table);
    return card;
  }

  function histogramCard() {
    const card = el("div", "card");
    card.append(el("h2", null, "Confidence"));
    const bins = new Array(10).fill(0);
    for (const link of links) bins[Math.min(9, Math.floor(link.c * 10))] += 1;
    const highest = Math.max(1, ...bins);
    const hist = el("div", "hist");
    const axis = el("div", "hist-axis");
    bins.forEach((count, i) => {
      const bar = el("div", count ? `bar b-${band(i / 10).name}` : "bar empty");
      bar.style.height = count ? `${Math.max(3, (100 * count) / highest)}%` : "1px";
      bar.title = `${(i / 10).toFixed(1)}\u2013${((i + 1) / 10).toFixed(1)}: ${count} links`;
      bar.append(el("span", "bar-count", count ? numbers.format(count) : ""));
      hist.append(bar);
      axis.append(el("span", null, (i / 10).toFixed(1)));
    });
    card.append(hist, axis);
    return card;
  }

  function disagreementsCard() {
    const card = el("div", "card");
    card.append(el("h2", null, `Structural disagreements (${disagreements.length})`));
    if (!meta.structured) {
      card.append(el("p", "none", "No structural alignment was given."));
    } else if (!disagreements.length) {
      card.append(el("p", "none", "None: the two structures agree."));
    } else {
      const list = el("ul", "dis-list");
      list.id = "disagreements";
      disagreements.forEach((item) => list.append(disagreementItem(item)));
      card.append(list);
    }
    return card;
  }

  function disagreementItem(item) {
    const entry = el("li");
    const kind = el("span", "flag");
    kind.append(el("b", null, item.kind));
    let where;
    if (item.unit >= 0) {
      where = el("a", "key", item.key);
      where.href = `#u${item.unit}`;
      where.addEventListener("click", (event) => {
        event.preventDefault();
        gotoDisagreement(disUnits.indexOf(item.unit));
      });
    } else {
      where = el("span", "key", item.key || "document");
    }
    entry.append(kind, where, el("span", "detail", item.detail));
    return entry;
  }

  function renderSummary() {
    const summary = el("section", "summary");
    summary.append(linksCard(), histogramCard(), disagreementsCard());
    return summary;
  }

  // --- toolbar -----------------------------------------------------------------------------

  function renderToolbar() {
    const bar = el("div", "toolbar");
    const controls = el("div", "controls");
    const only = el("label");
    ui.only = el("input");
    ui.only.type = "checkbox";
    ui.only.id = "filter-on";
    ui.only.checked = true;
    only.append(ui.only, el("span", null, "Only links below"));
    ui.range = numberInput("range", "threshold-range");
    ui.number = numberInput("number", "threshold");
    ui.number.step = "any";
    ui.counter = el("span", "counter");
    ui.counter.id = "counter";
    ui.counter.setAttribute("aria-live", "polite");
    ui.position = el("span", "position");
    controls.append(only, ui.range, ui.number, ui.counter, ui.position, legend());
    const columns = el("div", "columns");
    columns.append(el("div", null, "Conf."), el("div", null, sideName(meta.source_lang, meta.source_lang_name)),
      el("div", null, sideName(meta.target_lang, meta.target_lang_name)));
    bar.append(controls, columns);
    wireFilter();
    return bar;
  }

  function numberInput(type, id) {
    const input = el("input");
    input.type = type;
    input.id = id;
    input.min = "0";
    input.max = "1";
    input.step = "0.01";
    input.value = String(meta.threshold);
    input.setAttribute("aria-label", "Confidence threshold");
    return input;
  }

  function wireFilter() {
    ui.only.addEventListener("change", applyFilter);
    ui.range.addEventListener("input", () => {
      ui.number.value = ui.range.value;
      ui.only.checked = true;
      applyFilter();
    });
    ui.number.addEventListener("input", () => {
      const value = Number.parseFloat(ui.number.value);
      if (Number.isNaN(value) || value < 0 || value > 1) return;
      ui.range.value = String(value);
      ui.only.checked = true;
      applyFilter();
    });
  }

  function legend() {
    const box = el("span", "legend");
    for (const b of data.bands) {
      const item = el("span");
      item.append(el("span", `swatch b-${b.name}`), el("span", null, b.label));
      box.append(item);
    }
    return box;
  }

  function keysHelp() {
    const help = el("span", "keys");
    const parts = [["j", "k"], " next/previous link \u00b7 ", ["n", "p"], " disagreement \u00b7 ", ["/"], " threshold"];
    for (const part of parts) {
      if (typeof part === "string") { help.append(part); continue; }
      part.forEach((key, i) => {
        if (i) help.append("/");
        help.append(el("kbd", null, key));
      });
    }
    return help;
  }

  // --- units and links -------------------------------------------------------------------

  function renderUnits() {
    const main = el("main");
    main.id = "units";
    const fragment = document.createDocumentFragment();
    units.forEach((unit, i) => fragment.append(renderUnit(unit, i)));
    ui.empty = el("p", "empty-state");
    ui.empty.hidden = true;
    fragment.append(ui.empty);
    main.append(fragment);
    main.addEventListener("click", (event) => {
      const row = event.target.closest(".link");
      if (row) setCurrent(Number(row.dataset.link), false);
    });
    return main;
  }

  function renderUnit(unit, number) {
    const box = el("section", unit.disagreements.length ? "unit has-dis" : "unit");
    box.id = `u${number}`;
    const head = el("div", "unit-head");
    head.append(el("span", "key", unit.key || "(no unit)"));
    if (unit.target_key) head.append(el("span", null, "\u2192"), el("span", "key", unit.target_key));
    if (unit.method) {
      const score = unit.score !== null && unit.score < 1 ? ` ${fixed2(unit.score)}` : "";
      head.append(el("span", null, `paired by ${unit.method}${score}`));
    }
    for (const index of unit.disagreements) {
      const flag = el("span", "flag");
      flag.append(el("b", null, disagreements[index].kind), el("span", null, disagreements[index].detail));
      head.append(flag);
    }
    box.append(head);
    for (const index of unit.links) box.append(renderLink(links[index], index));
    const note = el("div", "unit-note");
    box.append(note);
    state.boxes[number] = { box, note };
    return box;
  }

  function renderLink(link, number) {
    const gap = link.s.length === 0 || link.t.length === 0;
    const row = el("div", `link b-${band(link.c).name}${gap ? " gap" : ""}`);
    row.dataset.link = String(number);
    const confidence = el("div", "conf");
    confidence.append(el("span", "score", fixed2(link.c)), el("span", "kind", link.k));
    row.append(confidence, side(link.s, meta.source_lang, meta.source_lang_name),
      side(link.t, meta.target_lang, meta.target_lang_name));
    state.rows[number] = row;
    return row;
  }

  function side(texts, lang, languageName) {
    const cell = el("div", "side");
    if (!texts.length) {
      cell.classList.add("missing");
      cell.textContent = `No ${languageName} sentence`;
      return cell;
    }
    cell.lang = lang;
    for (const text of texts) cell.append(el("div", "sent", text));
    return cell;
  }

  // --- filter ------------------------------------------------------------------------------

  function threshold() {
    const value = Number.parseFloat(ui.number.value);
    return Number.isNaN(value) ? Number.parseFloat(ui.range.value) : value;
  }

  function applyFilter() {
    const on = ui.only.checked;
    const limit = threshold();
    state.shown = [];
    links.forEach((link, i) => {
      const visible = !on || link.c < limit;
      state.rows[i].hidden = !visible;
      if (visible) state.shown.push(i);
    });
    units.forEach((unit, i) => updateUnit(unit, state.boxes[i], on, limit));
    ui.counter.textContent = `Showing ${numbers.format(state.shown.length)} of ${numbers.format(links.length)} links`;
    ui.empty.hidden = state.shown.length > 0 || disUnits.length > 0;
    ui.empty.textContent = links.length
      ? `No link below ${short(limit)}. Raise the threshold or untick the filter.`
      : "This alignment has no links.";
    if (state.current >= 0 && state.rows[state.current].hidden) setCurrent(-1, false);
    updatePosition();
  }

  function updateUnit(unit, { box, note }, on, limit) {
    const visible = unit.links.filter((i) => !state.rows[i].hidden).length;
    box.hidden = on && visible === 0 && unit.disagreements.length === 0;
    note.hidden = visible > 0;
    const hidden = unit.links.length - visible;
    note.textContent = unit.links.length
      ? `${hidden} ${hidden === 1 ? "link" : "links"} at or above ${short(limit)} hidden by the filter`
      : "No sentence link in this unit";
  }

  // --- navigation --------------------------------------------------------------------------

  function setCurrent(number, scroll) {
    if (state.current >= 0) state.rows[state.current].classList.remove("current");
    state.current = number;
    if (number >= 0) {
      const row = state.rows[number];
      row.classList.add("current");
      if (scroll) row.scrollIntoView({ block: "nearest" });
    }
    updatePosition();
  }

  function updatePosition() {
    if (state.current < 0) { ui.position.textContent = ""; return; }
    const position = lowerBound(state.shown, state.current) + 1;
    const unit = units[links[state.current].u];
    ui.position.textContent = `Link ${position} of ${state.shown.length} \u00b7 ${unit.key || "(no unit)"}`;
  }

  /** The first shown link whose row is not under the toolbar: where j starts after scrolling. */
  function firstInView() {
    const top = ui.toolbar.getBoundingClientRect().bottom;
    let low = 0;
    let high = state.shown.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const rect = state.rows[state.shown[middle]].getBoundingClientRect();
      if (rect.bottom <= top) low = middle + 1; else high = middle;
    }
    return Math.min(low, state.shown.length - 1);
  }

  function step(delta) {
    const shown = state.shown;
    if (!shown.length) return;
    clearDisagreement();
    let position;
    if (state.current < 0) {
      position = delta > 0 ? firstInView() : shown.length - 1;
    } else {
      const at = lowerBound(shown, state.current);
      position = delta > 0 ? (shown[at] === state.current ? at + 1 : at) : at - 1;
    }
    setCurrent(shown[Math.max(0, Math.min(shown.length - 1, position))], true);
  }

  function clearDisagreement() {
    if (state.currentDis >= 0) state.boxes[disUnits[state.currentDis]].box.classList.remove("current-unit");
    state.currentDis = -1;
  }

  function gotoDisagreement(position) {
    if (position < 0 || position >= disUnits.length) return;
    clearDisagreement();
    state.currentDis = position;
    const unitNumber = disUnits[position];
    const { box } = state.boxes[unitNumber];
    box.classList.add("current-unit");
    const first = units[unitNumber].links.find((i) => !state.rows[i].hidden);
    setCurrent(first === undefined ? -1 : first, false);
    box.scrollIntoView({ block: "start" });
  }

  function stepDisagreement(delta) {
    if (!disUnits.length) return;
    let here;
    if (state.current >= 0) here = links[state.current].u;
    else if (state.currentDis >= 0) here = disUnits[state.currentDis];
    else here = delta > 0 ? -1 : Infinity;
    let position;
    if (delta > 0) {
      position = disUnits.findIndex((unit) => unit > here);
      if (position < 0) position = disUnits.length - 1;
    } else {
      position = disUnits.findLastIndex((unit) => unit < here);
      if (position < 0) position = 0;
    }
    gotoDisagreement(position);
  }

  function focusFilter() {
    ui.number.focus();
    ui.number.select();
  }

  const KEYS = {
    j: () => step(1),
    ArrowDown: () => step(1),
    k: () => step(-1),
    ArrowUp: () => step(-1),
    n: () => stepDisagreement(1),
    p: () => stepDisagreement(-1),
    "/": focusFilter,
    Escape: () => { clearDisagreement(); setCurrent(-1, false); },
  };

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type !== "checkbox") {
      if (event.key === "Escape" || event.key === "Enter") {
        target.blur();
        event.preventDefault();
      }
      return;
    }
    if (!Object.hasOwn(KEYS, event.key)) return;
    event.preventDefault();
    KEYS[event.key]();
  }

  // --- start -------------------------------------------------------------------------------

  function measureToolbar() {
    document.documentElement.style.setProperty("--toolbar-h", `${ui.toolbar.offsetHeight}px`);
  }

  function start() {
    const app = document.getElementById("app");
    ui.toolbar = renderToolbar();
    app.append(renderHeader(), renderSummary(), ui.toolbar, renderUnits());
    applyFilter();
    measureToolbar();
    new ResizeObserver(measureToolbar).observe(ui.toolbar);
    document.addEventListener("keydown", onKey);
    const root = document.documentElement;
    root.dataset.renderMs = (performance.now() - started).toFixed(1);
    root.dataset.readyMs = performance.now().toFixed(1);
    root.dataset.ready = "1";
  }

  start();
})();
