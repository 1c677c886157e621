"use strict";
(function () {
  const body = document.body;
  const kept = new Set();
  const removes = [];
  const count = document.getElementById("decision-count");
  function update() {
    const n = kept.size + removes.length;
    if (count) count.textContent = n ? kept.size + " kept, " + removes.length + " removed" : "no decisions";
  }
  document.querySelectorAll("nav a.node").forEach(function (a) {
    a.addEventListener("click", function () {
      document.querySelectorAll(".line.hl").forEach(function (l) { l.classList.remove("hl"); });
      document.querySelectorAll("nav a.active").forEach(function (x) { x.classList.remove("active"); });
      a.classList.add("active");
      const from = Number(a.dataset.from), to = Number(a.dataset.to);
      for (let l = from; l <= to; l++) {
        const el = document.getElementById("L" + l);
        if (el) el.classList.add("hl");
      }
    });
  });
  const toggle = document.getElementById("toggle-removed");
  if (toggle) toggle.addEventListener("change", function () {
    body.classList.toggle("hide-removed", !toggle.checked);
  });
  document.querySelectorAll("#reason-filter input[data-reason]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll('.removed[data-reason="' + box.dataset.reason + '"]').forEach(function (r) {
        r.classList.toggle("filtered", !box.checked);
      });
    });
  });
  document.querySelectorAll(".removed[data-id]").forEach(function (r) {
    r.addEventListener("click", function (e) {
      if (e.target.closest("a")) return;
      const id = r.dataset.id;
      if (kept.has(id)) { kept.delete(id); r.classList.remove("keep"); }
      else { kept.add(id); r.classList.add("keep"); }
      update();
    });
  });
  function lineOf(node) {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    const line = el && el.closest(".line");
    return line ? Number(line.dataset.line) : null;
  }
  const mark = document.getElementById("mark-remove");
  // Keep the text selection when the button is pressed.
  if (mark) mark.addEventListener("mousedown", function (e) { e.preventDefault(); });
  if (mark) mark.addEventListener("click", function () {
    const sel = window.getSelection();
    const a = lineOf(sel.anchorNode), b = lineOf(sel.focusNode);
    if (a === null || b === null) return;
    const first = Math.min(a, b), last = Math.max(a, b);
    const reason = document.getElementById("remove-reason").value;
    removes.push({ lines: [first, last], reason: reason });
    for (let l = first; l <= last; l++) {
      const el = document.getElementById("L" + l);
      if (el) el.classList.add("to-remove");
    }
    sel.removeAllRanges();
    update();
  });
  const exp = document.getElementById("export");
  if (exp) exp.addEventListener("click", function () {
    const data = { keep: Array.from(kept).sort(), remove: removes };
    const blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = (body.dataset.stem || "document") + ".decisions.json";
    body.appendChild(a);
    a.click();
    a.remove();
  });
  update();
})();
