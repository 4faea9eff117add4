/* The review page: an alignment editor. Renders the alignment embedded as JSON in
 * #review-data, doubtful links first, and lets the reviewer approve, reject, merge, split,
 * move sentences and edit text; every change is an operation that can be undone, is kept in
 * the browser's IndexedDB under the document's id, and ends up in the exported links file.
 * Document text only ever goes into the page through textContent or a textarea's value:
 * never innerHTML. */
"use strict";
(() => {
  const started = performance.now();
  const root = document.documentElement;
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const meta = data.meta;
  const disagreements = data.disagreements;
  const STORE = `aligner-review:${meta.doc_id}`;
  const STATUSES = ["approved", "rejected", "edited"];
  const numbers = new Intl.NumberFormat("en");
  const ui = {};

  let links = data.links.map((link) => ({ ...link }));
  let done = [];    // operations applied, oldest first
  let undone = [];  // operations undone, the next to redo last
  let threshold = meta.threshold;
  const view = {
    mode: "queue",  // "queue": the doubtful links, most doubtful first; "all": document order
    rows: [],       // link positions shown, in order
    current: null,  // the highlighted link (an object of `links`)
    side: "s",      // the side the sentence actions work on: "s" source, "t" target
    split: null,    // while choosing where to split: {s: cut, t: cut}
    editing: false,
    disagreement: -1,
  };

  // --- small helpers ---------------------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(label, key, title, action) {
    const node = el("button", "action");
    node.type = "button";
    node.append(el("span", null, label));
    if (key) node.append(el("kbd", null, key));
    node.title = title;
    node.addEventListener("click", () => run(action));
    return node;
  }

  /** Two decimals, rounded down so that a link shown as 0.90 is never below 0.9. */
  const fixed2 = (value) => (Math.floor(value * 100 + 1e-9) / 100).toFixed(2);
  const short = (value) => String(Number(value.toFixed(3)));
  const band = (c) => data.bands.find((b) => c >= b.min) || data.bands[data.bands.length - 1];
  const kindOf = (link) => `${link.s.length}-${link.t.length}`;
  const sideName = (side) => (side === "s" ? meta.source_lang_name : meta.target_lang_name);
  const ids = (link, side) => link[`${side}i`] || (link[side].length ? null : []);
  const disputed = new Set(disagreements.flatMap((item) => item.keys));

  function say(text) {
    ui.message.textContent = text;
    ui.message.title = text;
  }

  // --- doubt and order -------------------------------------------------------------------

  /** Why a link is doubtful, most serious first (as aligner.writers.review.doubt says). */
  function reasons(link) {
    const found = [];
    if (!link.s.length || !link.t.length) found.push("gap");
    if (link.c < threshold) found.push("low");
    if (disputed.has(link.k)) found.push("disagreement");
    return found;
  }

  /** Where a link stands in the queue: gaps, then low confidence, then disagreements, each
   * least sure first; links made from others keep the place of the most doubtful one. */
  function orderKey(link) {
    const why = reasons(link);
    const rank = ["gap", "low", "disagreement"].findIndex((reason) => why.includes(reason));
    return (rank < 0 ? 3 : rank) + Math.min(link.c, 0.999);
  }

  const inQueue = (link) => link.st !== "" || reasons(link).length > 0;

  function computeRows() {
    const positions = [...links.keys()];
    if (view.mode === "all") return positions;
    return positions.filter((i) => inQueue(links[i])).sort((a, b) => links[a].o - links[b].o || a - b);
  }

  function reorder() {
    for (const link of links) link.o = orderKey(link);
  }

  // --- operations, undo and redo, saved work -------------------------------------------------

  function apply(op) {
    links.splice(op.at, op.before.length, ...op.after);
  }

  function revert(op) {
    links.splice(op.at, op.after.length, ...op.before);
  }

  /** Replace `count` links from `at` with `after`: one undoable operation. */
  function replace(at, count, after, what, focus = 0) {
    const before = links.slice(at, at + count);
    for (const link of after) link.o = Math.min(orderKey(link), ...before.map((old) => old.o));
    const op = { at, before, after, what };
    apply(op);
    done.push(op);
    undone = [];
    changed(after[focus] || links[Math.min(at, links.length - 1)] || null, what);
  }

  function undo() {
    const op = done.pop();
    if (!op) return say("Nothing to undo");
    revert(op);
    undone.push(op);
    changed(op.before[0] || links[Math.min(op.at, links.length - 1)] || null, `Undone: ${op.what}`);
  }

  function redo() {
    const op = undone.pop();
    if (!op) return say("Nothing to redo");
    apply(op);
    done.push(op);
    changed(op.after[0] || links[Math.min(op.at, links.length - 1)] || null, `Redone: ${op.what}`);
  }

  function changed(focus, what) {
    view.split = null;
    view.editing = false;
    save();
    refresh(focus);
    say(what);
  }

  /** Keep the work in the browser (IndexedDB, under the document's id). The page says
   * "saved" only once the browser has committed it, so a reload never loses a change the
   * page called saved. */
  let database = null;
  let saves = 0;

  function save() {
    const serial = ++saves;
    const failed = () => {
      root.dataset.saved = "failed";
      ui.saved.textContent = "Not saved in this browser: export the links file to keep your work";
    };
    if (!database) return failed();
    root.dataset.saved = "pending";
    try {
      const transaction = database.transaction("work", "readwrite");
      transaction.objectStore("work").put({ v: 1, threshold, done, undone }, STORE);
      transaction.oncomplete = () => {
        if (serial !== saves) return;
        root.dataset.saved = "done";
        ui.saved.textContent = done.length ? `${done.length} changes saved in this browser` : "";
      };
      transaction.onerror = failed;
      transaction.onabort = failed;
    } catch {
      failed();
    }
  }

  /** The database, or null where the browser has none for this page. */
  function openDatabase() {
    return new Promise((resolve) => {
      try {
        const request = indexedDB.open("aligner-review", 1);
        request.onupgradeneeded = () => request.result.createObjectStore("work");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(null);
        request.onblocked = () => resolve(null);
      } catch {
        resolve(null);
      }
    });
  }

  function readSaved() {
    return new Promise((resolve) => {
      if (!database) return resolve(null);
      try {
        const request = database.transaction("work").objectStore("work").get(STORE);
        request.onsuccess = () => resolve(request.result ?? null);
        request.onerror = () => resolve(null);
      } catch {
        resolve(null);
      }
    });
  }

  const isText = (value) => typeof value === "string";
  const isIds = (value) => value === undefined || (Array.isArray(value) && value.every(Number.isInteger));

  function validLink(link) {
    return Boolean(link) && Array.isArray(link.s) && link.s.every(isText) && Array.isArray(link.t)
      && link.t.every(isText) && typeof link.c === "number" && link.c >= 0 && link.c <= 1
      && isText(link.k) && isText(link.u) && (link.st === "" || STATUSES.includes(link.st))
      && isIds(link.si) && isIds(link.ti) && [link.n, link.sl, link.tl].every((v) => v === undefined || isText(v))
      && typeof link.o === "number";
  }

  function validOp(op) {
    return Boolean(op) && Number.isInteger(op.at) && op.at >= 0 && isText(op.what)
      && Array.isArray(op.before) && op.before.every(validLink)
      && Array.isArray(op.after) && op.after.every(validLink);
  }

  /** Replay the work saved for this document, as far as it still fits the page. */
  function restore(saved) {
    if (!saved || saved.v !== 1 || !Array.isArray(saved.done) || !Array.isArray(saved.undone)) return;
    if (typeof saved.threshold === "number" && saved.threshold >= 0 && saved.threshold <= 1) {
      threshold = saved.threshold;
      reorder();
    }
    const canon = (list) => JSON.stringify(list, (key, value) => (key === "o" ? undefined : value));
    for (const op of saved.done) {
      const here = links.slice(op.at, op.at + (op.before || []).length);
      if (!validOp(op) || canon(here) !== canon(op.before)) {
        say("Some work saved in this browser no longer fits this page and was not restored");
        return;
      }
      apply(op);
      done.push(op);
    }
    undone = saved.undone.filter(validOp);
    if (done.length) say(`Restored ${done.length} changes saved in this browser (u undoes them one by one)`);
  }

  // --- actions ---------------------------------------------------------------------------

  function here() {
    return view.current ? links.indexOf(view.current) : -1;
  }

  function withCurrent(action) {
    return () => {
      const at = here();
      if (at < 0) return say("Select a link first (j, k or a click)");
      action(at, links[at]);
    };
  }

  function setStatus(status) {
    return withCurrent((at, link) => {
      const kept = status === "approved" && link.st === "edited" ? "edited" : status;
      replace(at, 1, [{ ...link, st: kept }], `${status === "approved" ? "Approved" : "Rejected"} ${link.u}`);
      stepRows(1);
    });
  }

  function merged(first, second) {
    const link = { ...first, s: first.s.concat(second.s), t: first.t.concat(second.t), st: "edited" };
    link.c = Math.min(first.c, second.c);
    for (const side of ["s", "t"]) {
      const a = ids(first, side);
      const b = ids(second, side);
      if (a && b) link[`${side}i`] = a.concat(b);
      else delete link[`${side}i`];
    }
    const notes = [first.n, second.n].filter(Boolean);
    if (notes.length) link.n = notes.join(" ");
    else delete link.n;
    return link;
  }

  function mergeWith(offset) {
    return withCurrent((at) => {
      const first = offset > 0 ? at : at - 1;
      if (first < 0 || first + 1 >= links.length) return say(offset > 0 ? "No next link" : "No previous link");
      const link = merged(links[first], links[first + 1]);
      replace(first, 2, [link], `Merged ${links[first].u} with ${links[first + 1].u}`);
    });
  }

  /** The link with only the sentences [from, to) of each side (and their ids). */
  function part(link, cuts, tuid) {
    const piece = { ...link, u: tuid, st: "edited" };
    for (const side of ["s", "t"]) {
      const [from, to] = cuts[side];
      piece[side] = link[side].slice(from, to);
      const known = ids(link, side);
      if (known) piece[`${side}i`] = known.slice(from, to);
      else delete piece[`${side}i`];
    }
    return piece;
  }

  function freeTuid(base) {
    const taken = new Set(links.map((link) => link.u));
    let number = 2;
    while (taken.has(`${base}.${number}`)) number += 1;
    return `${base}.${number}`;
  }

  const splittable = (link, cut) => (cut.s > 0 || cut.t > 0) && (cut.s < link.s.length || cut.t < link.t.length);

  function startSplit() {
    return withCurrent((at, link) => {
      const cut = { s: Math.min(1, link.s.length), t: Math.min(1, link.t.length) };
      if (!splittable(link, cut)) {
        if (link.t.length) cut.t = 0;
        else cut.s = 0;
      }
      if (!splittable(link, cut)) return say("A link of one sentence cannot be split");
      view.split = cut;
      view.side = link.s.length > 1 || !link.t.length ? "s" : "t";
      refresh(link);
      say("Split: j/k (↓/↑) move the cut, t the other side, Enter splits, Esc cancels");
    })();
  }

  function moveCut(delta) {
    const link = view.current;
    const side = view.side;
    view.split[side] = Math.max(0, Math.min(link[side].length, view.split[side] + delta));
    refresh(link);
  }

  function finishSplit() {
    const at = here();
    const link = links[at];
    const cut = view.split;
    if (!splittable(link, cut)) return say("Both parts need a sentence: move the cut");
    const first = part(link, { s: [0, cut.s], t: [0, cut.t] }, link.u);
    const second = part(link, { s: [cut.s, link.s.length], t: [cut.t, link.t.length] }, freeTuid(link.u));
    delete second.sl;  // the printed label ("12.") opens the unit: it stays with the first part
    delete second.tl;
    replace(at, 1, [first, second], `Split ${link.u} into ${kindOf(first)} and ${kindOf(second)}`);
  }

  /** A link holding only sentence `index` of one side of `link` (with its id, if known). */
  function sentencePiece(link, side, index) {
    const piece = { s: [], t: [], c: link.c, k: link.k, u: link.u, st: "edited" };
    piece[side] = [link[side][index]];
    const known = ids(link, side);
    if (known) piece[`${side}i`] = [known[index]];
    return piece;
  }

  /** Move the first sentence of the active side to the previous link (direction -1), or the
   * last one to the next link (+1). A link left with no sentence disappears. */
  function moveSentence(direction) {
    return withCurrent((at, link) => {
      const side = view.side;
      const other = links[at + direction];
      if (!other) return say(direction < 0 ? "No previous link" : "No next link");
      if (!link[side].length) return say(`This link has no ${sideName(side)} sentence to move`);
      const moving = direction < 0 ? 0 : link[side].length - 1;
      const piece = sentencePiece(link, side, moving);
      const joined = direction < 0 ? merged(other, piece) : merged(piece, other);
      Object.assign(joined, { c: other.c, k: other.k, u: other.u });
      for (const label of ["sl", "tl"]) {
        if (other[label]) joined[label] = other[label];
        else delete joined[label];
      }
      const rest = { s: [0, link.s.length], t: [0, link.t.length] };
      rest[side] = direction < 0 ? [1, link[side].length] : [0, link[side].length - 1];
      const left = part(link, rest, link.u);
      const keep = left.s.length || left.t.length ? [left] : [];
      const after = direction < 0 ? [joined, ...keep] : [...keep, joined];
      const what = `Moved a ${sideName(side)} sentence to the ${direction < 0 ? "previous" : "next"} link`;
      replace(Math.min(at, at + direction), 2, after, what, direction < 0 && keep.length ? 1 : 0);
    });
  }

  function startEdit() {
    return withCurrent((at, link) => {
      view.editing = true;
      view.split = null;
      refresh(link);
      flush();
      const box = ui.layer.querySelector(".row.current textarea");
      if (box) box.focus();
      say("Edit: one sentence a line; Ctrl+Enter saves, Esc cancels");
    })();
  }

  const lines = (text) => text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter(Boolean);

  function finishEdit() {
    const at = here();
    const link = links[at];
    const [source, target] = [...ui.layer.querySelectorAll(".row.current textarea")].map((box) => lines(box.value));
    if (JSON.stringify([source, target]) === JSON.stringify([link.s, link.t])) {
      view.editing = false;
      refresh(link);
      return say("Nothing changed");
    }
    if (!source.length && !target.length) return replace(at, 1, [], `Deleted ${link.u} (both sides emptied)`);
    const edited = { ...link, s: source, t: target, st: "edited" };
    if (source.length !== link.s.length) delete edited.si;
    if (target.length !== link.t.length) delete edited.ti;
    replace(at, 1, [edited], `Edited ${link.u}`);
  }

  function cancel() {
    if (view.split || view.editing) {
      view.split = null;
      view.editing = false;
      refresh(view.current);
      return say("Cancelled");
    }
    setCurrent(null);
  }

  function switchSide() {
    view.side = view.side === "s" ? "t" : "s";
    refresh(view.current);
    say(`Sentence actions now work on the ${sideName(view.side)} side`);
  }

  // --- the links file ------------------------------------------------------------------

  function linkRecord(link) {
    const record = {
      source: link.s.join(" "),
      target: link.t.join(" "),
      confidence: link.c,
      key: link.k,
      kind: kindOf(link),
      tuid: link.u,
    };
    if (link.st) record.status = link.st;
    Object.assign(record, { source_lang: meta.source_lang, target_lang: meta.target_lang, document: meta.document });
    if (link.n) record.note = link.n;
    if (link.sl || link.tl) Object.assign(record, { source_label: link.sl || "", target_label: link.tl || "" });
    if (link.s.length > 1) record.source_sentences = link.s;
    if (link.t.length > 1) record.target_sentences = link.t;
    const [source, target] = [ids(link, "s"), ids(link, "t")];
    if (source && target && (source.length || target.length)) {
      record.source_ids = source;
      record.target_ids = target;
    }
    return record;
  }

  /** The links file of the alignment as it stands: built from the page's data only. */
  function linksFile() {
    const head = {
      format: meta.format,
      version: meta.version,
      source_lang: meta.source_lang,
      target_lang: meta.target_lang,
      symbol: meta.symbol,
      document: meta.document,
      source_file: meta.source_file,
      target_file: meta.target_file,
      disagreements: disagreements.map(({ kind, key, detail }) => ({ kind, key, detail })),
    };
    return [head, ...links.map(linkRecord)].map((record) => JSON.stringify(record)).join("\n") + "\n";
  }

  function exportLinks() {
    const url = URL.createObjectURL(new Blob([linksFile()], { type: "application/jsonl" }));
    const anchor = el("a");
    anchor.href = url;
    anchor.download = `${(meta.document || "alignment").replace(/[^\p{L}\p{N}._-]+/gu, "_")}.links.jsonl`;
    anchor.hidden = true;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say(`Exported ${numbers.format(links.length)} links as ${anchor.download}`);
  }

  // --- the list: only the rows in sight are in the page ------------------------------------

  const ROW = Number.parseFloat(getComputedStyle(root).getPropertyValue("--row-h")) || 50;
  const OVERSCAN = 6;
  let extra = 0;  // how much taller than a row the current one is
  let painting = false;

  // Actions change the state and say what must be redone; `flush` (after every action) does
  // it once: the rows of the view, the rows in sight, the scroll, the counts.
  const pending = { rows: true, paint: true, scroll: false, counts: true };

  function rows() {
    if (pending.rows) {
      view.rows = computeRows();
      pending.rows = false;
    }
    return view.rows;
  }

  const position = () => (view.current ? rows().indexOf(links.indexOf(view.current)) : -1);
  const offsetOf = (pos, current) => pos * ROW + (current >= 0 && pos > current ? extra : 0);

  function positionAt(y, current) {
    if (current < 0 || y < current * ROW) return Math.floor(y / ROW);
    if (y < current * ROW + ROW + extra) return current;
    return Math.floor((y - extra) / ROW);
  }

  /** The links, the view or the current link changed. */
  function refresh(focus) {
    view.current = focus && links.includes(focus) ? focus : null;
    pending.rows = pending.paint = pending.counts = true;
  }

  function flush() {
    if (view.current && position() < 0) view.current = null;
    if (pending.paint || pending.scroll) paint();
    if (pending.scroll) scrollToCurrent();
    if (pending.counts) updateCounts();
    else updatePosition();
    pending.paint = pending.scroll = pending.counts = false;
  }

  function paint() {
    const list = ui.list;
    const shown = rows();
    const current = position();
    const made = [];
    extra = 0;
    ui.layer.replaceChildren();
    if (current >= 0) {
      const row = renderRow(shown[current], true);
      ui.layer.append(row);
      extra = Math.max(0, row.offsetHeight - ROW);
      row.style.transform = `translateY(${offsetOf(current, current)}px)`;
    }
    ui.spacer.style.height = `${shown.length * ROW + extra}px`;
    const top = list.scrollTop;
    const first = Math.max(0, positionAt(top, current) - OVERSCAN);
    const last = Math.min(shown.length - 1, positionAt(top + list.clientHeight, current) + OVERSCAN);
    for (let pos = first; pos <= last; pos += 1) {
      if (pos === current) continue;
      const row = renderRow(shown[pos], false);
      row.style.transform = `translateY(${offsetOf(pos, current)}px)`;
      made.push(row);
    }
    ui.layer.append(...made);
    ui.empty.hidden = shown.length > 0;
  }

  function schedulePaint() {
    if (painting) return;
    painting = true;
    requestAnimationFrame(() => {
      painting = false;
      paint();
    });
  }

  function scrollToCurrent() {
    const current = position();
    if (current < 0) return;
    const list = ui.list;
    const top = offsetOf(current, current);
    const bottom = top + ROW + extra;
    const before = list.scrollTop;
    if (top < before) list.scrollTop = Math.max(0, top - ROW);
    else if (bottom > before + list.clientHeight) {
      list.scrollTop = Math.min(top - ROW, bottom - list.clientHeight + ROW);
    }
    if (list.scrollTop !== before) paint();
  }

  function setCurrent(link) {
    view.current = link;
    view.split = null;
    view.editing = false;
    pending.paint = pending.scroll = true;
  }

  function stepRows(delta) {
    const shown = rows();
    if (!shown.length) return;
    let pos = position();
    if (pos < 0) pos = delta > 0 ? positionAt(ui.list.scrollTop, -1) - 1 : shown.length;
    setCurrent(links[shown[Math.max(0, Math.min(shown.length - 1, pos + delta))]]);
  }

  // --- one row ---------------------------------------------------------------------------

  function renderRow(at, isCurrent) {
    const link = links[at];
    const why = reasons(link);
    const classes = ["row", `b-${band(link.c).name}`];
    if (why.includes("gap")) classes.push("gap");
    if (link.st) classes.push(`st-${link.st}`);
    if (isCurrent) classes.push("current");
    const row = el("div", classes.join(" "));
    row.dataset.index = String(at);
    row.dataset.tuid = link.u;
    row.append(rowMeta(link, why));
    if (isCurrent && view.editing) {
      row.append(editor(link, "s"), editor(link, "t"));
    } else {
      row.append(side(link, "s", isCurrent), side(link, "t", isCurrent));
    }
    if (isCurrent && view.mode === "queue" && !view.editing) {
      row.prepend(context(at - 1, "before"));
      row.append(context(at + 1, "after"));
    }
    return row;
  }

  function rowMeta(link, why) {
    const box = el("div", "meta");
    const top = el("div", "meta-top");
    top.append(el("span", "score", fixed2(link.c)), el("span", "kind", kindOf(link)));
    const badge = (name, text, title) => {
      const node = el("span", `badge ${name}`, text);
      node.title = title;
      top.append(node);
    };
    if (why.includes("gap")) badge("gap", "gap", "A side is empty: an omission, an addition, or a link to fix");
    if (why.includes("low")) badge("low", "low", `Confidence below ${short(threshold)}`);
    if (why.includes("disagreement")) badge("dis", "dis.", "A structural disagreement names this unit");
    const key = el("div", "key", link.k || "(no unit)");
    if (link.st) key.prepend(el("span", `badge ${link.st}`, link.st), " ");
    box.append(top, key);
    return box;
  }

  function side(link, name, isCurrent) {
    const cell = el("div", `side ${name === "s" ? "source" : "target"}`);
    cell.dataset.side = name;
    const texts = link[name];
    if (isCurrent && view.side === name) cell.classList.add("active");
    if (!texts.length && !view.split) {
      cell.classList.add("missing");
      cell.textContent = `No ${sideName(name)} sentence`;
      return cell;
    }
    cell.lang = name === "s" ? meta.source_lang : meta.target_lang;
    texts.forEach((text, i) => {
      if (isCurrent && view.split) cell.append(slot(name, i));
      cell.append(el("span", "sent", text));
    });
    if (isCurrent && view.split) cell.append(slot(name, texts.length));
    return cell;
  }

  function slot(name, cut) {
    const node = el("div", view.split[name] === cut ? "slot cut" : "slot");
    node.dataset.cut = String(cut);
    node.dataset.side = name;
    node.title = "Split here";
    return node;
  }

  function editor(link, name) {
    const cell = el("div", `side editing ${name === "s" ? "source" : "target"}`);
    const box = el("textarea");
    box.value = link[name].join("\n");
    box.rows = Math.max(3, link[name].length + 1);
    box.lang = name === "s" ? meta.source_lang : meta.target_lang;
    box.setAttribute("aria-label", `${sideName(name)} text, one sentence a line`);
    box.spellcheck = false;
    cell.append(box);
    if (name === "t") {
      const actions = el("div", "edit-actions");
      actions.append(button("Save", "Ctrl+Enter", "Save the edit", finishEdit),
        button("Cancel", "Esc", "Leave the text as it was", cancel));
      cell.append(actions);
    }
    return cell;
  }

  function context(at, where) {
    const box = el("div", `context ${where}`);
    const link = links[at];
    if (!link) {
      box.textContent = where === "before" ? "Start of the document" : "End of the document";
      return box;
    }
    box.append(el("span", "context-label", where === "before" ? "previous" : "next"),
      el("span", "context-text", link.s.join(" ") || "\u2014"),
      el("span", "context-text", link.t.join(" ") || "\u2014"));
    return box;
  }

  // --- header, summary, toolbar ------------------------------------------------------------

  function renderHeader() {
    const head = el("header", "page-head");
    const title = el("h1", null, meta.title);
    title.title = [meta.title, meta.source_file, meta.target_file].filter(Boolean).join(" \u00b7 ");
    ui.saved = el("span", "saved");
    ui.exportButton = button("Export links file", "x", "Download the corrected alignment as a links file", exportLinks);
    ui.exportButton.id = "export";
    head.append(title, renderSummary(), ui.saved, keysHelp(), ui.exportButton);
    return head;
  }

  function renderSummary() {
    const details = el("details", "summary");
    const line = el("summary");
    ui.summaryLine = line;
    details.append(line);
    ui.summaryBody = el("div", "summary-body");
    details.append(ui.summaryBody);
    details.addEventListener("toggle", () => details.open && fillSummary());
    ui.summary = details;
    return details;
  }

  function fillSummary() {
    const counts = new Map();
    const bins = new Array(10).fill(0);
    for (const link of links) {
      counts.set(kindOf(link), (counts.get(kindOf(link)) || 0) + 1);
      bins[Math.min(9, Math.floor(link.c * 10))] += 1;
    }
    const kinds = el("div", "card");
    kinds.append(el("h2", null, "Links by kind"));
    const table = el("table", "kinds");
    [...counts.entries()].sort((a, b) => b[1] - a[1]).forEach(([kind, count]) => {
      const tr = el("tr", kind.startsWith("0-") || kind.endsWith("-0") ? "gap-kind" : null);
      tr.append(el("td", null, kind), el("td", null, numbers.format(count)));
      table.append(tr);
    });
    kinds.append(table);
    const histogram = el("div", "card");
    histogram.append(el("h2", null, "Confidence"));
    const hist = el("div", "hist");
    const highest = Math.max(1, ...bins);
    bins.forEach((count, i) => {
      const bar = el("div", count ? `bar b-${band(i / 10).name}` : "bar empty");
      bar.style.height = count ? `${Math.max(3, (100 * count) / highest)}%` : "1px";
      bar.title = `${(i / 10).toFixed(1)}\u2013${((i + 1) / 10).toFixed(1)}: ${count} links`;
      bar.append(el("span", "bar-count", count ? numbers.format(count) : ""));
      hist.append(bar);
    });
    histogram.append(hist);
    const found = el("div", "card wide");
    found.append(el("h2", null, `Structural disagreements (${disagreements.length})`));
    const list = el("ul", "dis-list");
    list.id = "disagreements";
    disagreements.forEach((item, i) => {
      const entry = el("li");
      const where = el(item.at ? "a" : "span", "key", item.key || "document");
      if (item.at) {
        where.href = "#";
        where.addEventListener("click", (event) => {
          event.preventDefault();
          gotoDisagreement(i);
        });
      }
      entry.append(el("b", "flag", item.kind), where, el("span", "detail", item.detail));
      list.append(entry);
    });
    if (!disagreements.length) found.append(el("p", "none", "None: the two structures agree."));
    found.append(list);
    const about = el("div", "card");
    about.append(el("h2", null, "Document"));
    const facts = [
      ["Document", meta.document], ["Source", `${meta.source_file || "\u2014"} (${meta.source_lang})`],
      ["Target", `${meta.target_file || "\u2014"} (${meta.target_lang})`], ["Links", numbers.format(links.length)],
    ];
    for (const [name, value] of facts) {
      const line = el("div", "fact");
      line.append(el("b", null, `${name} `), el("span", null, value));
      about.append(line);
    }
    ui.summaryBody.replaceChildren(about, kinds, histogram, found);
  }

  function renderToolbar() {
    const bar = el("div", "toolbar");
    const controls = el("div", "controls");
    ui.tabs = {};
    for (const [mode, label] of [["queue", "Doubtful first"], ["all", "All links"]]) {
      const tab = el("button", "tab");
      tab.type = "button";
      tab.id = `view-${mode}`;
      tab.addEventListener("click", () => run(() => setView(mode)));
      ui.tabs[mode] = { tab, label };
      controls.append(tab);
    }
    ui.progress = el("span", "progress");
    ui.progress.id = "progress";
    const limit = el("label", "limit");
    ui.threshold = el("input");
    ui.threshold.type = "number";
    ui.threshold.id = "threshold";
    Object.assign(ui.threshold, { min: "0", max: "1", step: "0.01", value: String(threshold) });
    ui.threshold.addEventListener("change", () => run(changeThreshold));
    limit.append(el("span", null, "Doubtful below"), ui.threshold);
    const jump = el("label", "jump");
    ui.jump = el("input");
    ui.jump.type = "search";
    ui.jump.id = "goto";
    ui.jump.placeholder = "key or tuid: p:12, p:12:2";
    ui.jump.addEventListener("keydown", (event) => {
      if (event.key === "Enter") run(() => goTo(ui.jump.value.trim()));
    });
    jump.append(el("span", null, "Go to"), ui.jump);
    ui.position = el("span", "position");
    ui.message = el("span", "message");
    ui.message.id = "message";
    ui.message.setAttribute("aria-live", "polite");
    ui.message.title = "";
    controls.append(ui.progress, limit, jump, ui.position, ui.message);
    bar.append(controls, actionBar(), columns());
    return bar;
  }

  function actionBar() {
    const box = el("div", "actions");
    box.append(
      button("Approve", "a", "The link is right (and go to the next)", ACTIONS.a),
      button("Reject", "r", "The link is wrong: leave it out of the memory", ACTIONS.r),
      button("Edit", "e", "Edit both sides, one sentence a line", ACTIONS.e),
      button("Split", "s", "Split the link at a sentence boundary", ACTIONS.s),
      button("Merge \u2193", "m", "Merge with the next link", ACTIONS.m),
      button("Merge \u2191", "M", "Merge with the previous link", ACTIONS.M),
      button("First \u2191", "[", "Move the first sentence of the active side to the previous link", ACTIONS["["]),
      button("Last \u2193", "]", "Move the last sentence of the active side to the next link", ACTIONS["]"]),
      button("Side", "t", "Switch the side the sentence actions work on", ACTIONS.t),
      button("Undo", "u", "Undo the last change (Ctrl+Z)", ACTIONS.u),
      button("Redo", "U", "Redo (Ctrl+Shift+Z)", ACTIONS.U),
    );
    return box;
  }

  function keysHelp() {
    const keys = el("span", "keys");
    for (const [key, what] of [["j/k", "move"], ["n/p", "disagreement"], ["v", "view"], ["g", "go to"],
      ["/", "threshold"]]) {
      keys.append(el("kbd", null, key), ` ${what} `);
    }
    return keys;
  }

  function columns() {
    const row = el("div", "columns");
    row.append(el("div", null, "Conf. \u00b7 key"),
      el("div", null, `${meta.source_lang_name} (${meta.source_lang})`),
      el("div", null, `${meta.target_lang_name} (${meta.target_lang})`));
    return row;
  }

  function updateCounts() {
    const queued = links.filter(inQueue);
    const reviewed = queued.filter((link) => link.st).length;
    ui.progress.textContent = `${numbers.format(reviewed)} of ${numbers.format(queued.length)} reviewed`;
    for (const [mode, { tab, label }] of Object.entries(ui.tabs)) {
      tab.textContent = `${label} (${numbers.format(mode === "queue" ? queued.length : links.length)})`;
      tab.classList.toggle("on", view.mode === mode);
      tab.setAttribute("aria-pressed", String(view.mode === mode));
    }
    const gaps = links.filter((link) => !link.s.length || !link.t.length).length;
    const low = links.filter((link) => link.c < threshold).length;
    ui.summaryLine.textContent = "Summary";
    ui.summaryLine.title = `${numbers.format(links.length)} links, ${numbers.format(gaps)} with an empty side, `
      + `${numbers.format(low)} below ${short(threshold)}, ${disagreements.length} structural disagreements`;
    if (ui.summary.open) fillSummary();
    ui.empty.textContent = view.mode === "queue"
      ? "No doubtful link: press v to see all links." : "This alignment has no links.";
    updatePosition();
  }

  function updatePosition() {
    const pos = position();
    ui.position.textContent = pos < 0 ? "" : `Link ${numbers.format(pos + 1)} of ${numbers.format(rows().length)}`;
  }

  function setView(mode) {
    view.mode = mode;
    refresh(view.current);
    if (position() < 0) {
      view.current = null;
      ui.list.scrollTop = 0;
    }
    pending.scroll = true;
  }

  function changeThreshold() {
    const value = Number.parseFloat(ui.threshold.value);
    if (Number.isNaN(value) || value < 0 || value > 1) return say("The threshold is a number from 0 to 1");
    threshold = value;
    reorder();
    save();
    refresh(view.current);
    pending.scroll = true;
  }

  function goTo(wanted) {
    if (!wanted) return;
    const found = links.find((link) => link.u === wanted)
      || links.find((link) => link.k === wanted || link.k.startsWith(`${wanted}/`))
      || links.find((link) => link.u.endsWith(`:${wanted}`));
    if (!found) return say(`No link with the key or tuid ${wanted}`);
    if (view.mode === "queue" && !inQueue(found)) setView("all");
    setCurrent(found);
    ui.jump.blur();
  }

  function gotoDisagreement(index) {
    if (index < 0 || index >= disagreements.length) return;
    view.disagreement = index;
    const item = disagreements[index];
    if (item.at) goTo(item.at);
    say(`${item.kind} at ${item.key || "document"}: ${item.detail}`);
  }

  function stepDisagreement(delta) {
    const located = disagreements.map((item, i) => (item.at ? i : -1)).filter((i) => i >= 0);
    if (!located.length) return say("No structural disagreement to go to");
    const at = located.indexOf(view.disagreement);
    const next = at < 0 ? (delta > 0 ? 0 : located.length - 1) : Math.max(0, Math.min(located.length - 1, at + delta));
    gotoDisagreement(located[next]);
  }

  // --- keys and mouse --------------------------------------------------------------------

  const ACTIONS = {
    a: setStatus("approved"),
    r: setStatus("rejected"),
    e: startEdit,
    s: startSplit,
    m: mergeWith(1),
    M: mergeWith(-1),
    "[": moveSentence(-1),
    "]": moveSentence(1),
    t: switchSide,
    u: undo,
    U: redo,
  };

  const KEYS = {
    ...ACTIONS,
    j: () => stepRows(1),
    ArrowDown: () => stepRows(1),
    k: () => stepRows(-1),
    ArrowUp: () => stepRows(-1),
    n: () => stepDisagreement(1),
    p: () => stepDisagreement(-1),
    v: () => setView(view.mode === "queue" ? "all" : "queue"),
    g: () => { ui.jump.focus(); ui.jump.select(); },
    "/": () => { ui.threshold.focus(); ui.threshold.select(); },
    x: exportLinks,
    Escape: cancel,
  };

  const SPLIT_KEYS = {
    j: () => moveCut(1),
    ArrowDown: () => moveCut(1),
    k: () => moveCut(-1),
    ArrowUp: () => moveCut(-1),
    t: switchSide,
    Enter: finishSplit,
    s: finishSplit,
    Escape: cancel,
  };

  /** Run an action and note how long the page took to answer it: its script, and until the
   * next frame has been drawn (a task queued from the frame's animation callback runs after
   * the frame's style, layout and paint). */
  function run(action) {
    const start = performance.now();
    action();
    flush();
    root.dataset.lastScriptMs = (performance.now() - start).toFixed(1);
    requestAnimationFrame(() => setTimeout(() => {
      root.dataset.lastActionMs = (performance.now() - start).toFixed(1);
      root.dataset.actions = String(Number(root.dataset.actions || 0) + 1);
    }, 0));
  }

  function onKey(event) {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run(finishEdit);
      } else if (event.key === "Escape") {
        event.preventDefault();
        run(cancel);
      }
      return;
    }
    if (target instanceof HTMLInputElement) {
      if (event.key === "Escape" || (event.key === "Enter" && target !== ui.jump)) {
        target.blur();
        event.preventDefault();
      }
      return;
    }
    if ((event.ctrlKey || event.metaKey) && !event.altKey) {
      const key = event.key.toLowerCase();
      if (key === "z" || key === "y") {
        event.preventDefault();
        run(key === "y" || event.shiftKey ? redo : undo);
      }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const table = view.split ? SPLIT_KEYS : KEYS;
    if (!Object.hasOwn(table, event.key)) return;
    event.preventDefault();
    run(table[event.key]);
  }

  function onClick(event) {
    const cutSlot = event.target.closest(".slot");
    if (cutSlot && view.split) {
      view.split[cutSlot.dataset.side] = Number(cutSlot.dataset.cut);
      view.side = cutSlot.dataset.side;
      return run(() => refresh(view.current));
    }
    const row = event.target.closest(".row");
    if (!row || event.target.closest("textarea, button")) return;
    const link = links[Number(row.dataset.index)];
    const cell = event.target.closest(".side");
    if (link === view.current) {
      if (cell && !view.editing) run(() => { view.side = cell.dataset.side; refresh(link); });
      return;
    }
    if (cell) view.side = cell.dataset.side;
    run(() => setCurrent(link));
  }

  // --- start -----------------------------------------------------------------------------

  function renderList() {
    ui.list = el("main", "list");
    ui.list.id = "links";
    ui.list.tabIndex = -1;
    ui.spacer = el("div", "spacer");
    ui.layer = el("div", "layer");
    ui.empty = el("p", "empty-state");
    ui.spacer.append(ui.layer);
    ui.list.append(ui.spacer, ui.empty);
    ui.list.addEventListener("scroll", schedulePaint, { passive: true });
    ui.list.addEventListener("click", onClick);
    ui.list.addEventListener("dblclick", (event) => {
      if (event.target.closest(".row.current") && !view.editing && !view.split) run(startEdit);
    });
    return ui.list;
  }

  async function start() {
    const app = document.getElementById("app");
    reorder();
    const parts = [renderHeader(), renderToolbar(), renderList()];
    app.append(...parts);
    database = await openDatabase();
    restore(await readSaved());
    ui.threshold.value = String(threshold);
    refresh(null);
    flush();
    save();
    window.addEventListener("resize", schedulePaint);
    document.addEventListener("keydown", onKey);
    void ui.list.offsetHeight;  // lay the page out now: the first action should not pay for it
    root.dataset.renderMs = (performance.now() - started).toFixed(1);
    requestAnimationFrame(() => setTimeout(() => {
      root.dataset.readyMs = performance.now().toFixed(1);
      root.dataset.ready = "1";
    }, 0));
  }

  start();
})();
