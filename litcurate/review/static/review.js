// Keyboard shortcuts for the review pages, in the spirit of Prodigy and Label Studio.
// Record page: a accept, x (or r) reject, j / ArrowRight next, k / ArrowLeft previous,
// e edit the first field, Escape leave a field. Queue page: j / k move, Enter open.
(function () {
  "use strict";
  function typing(ev) {
    var t = ev.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
  }
  function submit(id) {
    var form = document.getElementById(id);
    if (!form) return;
    var note = document.getElementById("note");
    form.querySelectorAll(".note-copy").forEach(function (el) { el.value = note ? note.value : ""; });
    form.submit();
  }
  function follow(id) {
    var a = document.getElementById(id);
    if (a && a.getAttribute("href")) window.location.href = a.getAttribute("href");
  }
  document.addEventListener("submit", function (ev) {
    var note = document.getElementById("note");
    ev.target.querySelectorAll(".note-copy").forEach(function (el) { el.value = note ? note.value : ""; });
  });
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue a.rec"));
  var cur = -1;
  function mark(i) {
    if (!rows.length) return;
    cur = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (a, k) { a.closest("tr").classList.toggle("current", k === cur); });
    rows[cur].focus();
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (typing(ev)) {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    var onRecord = !!document.getElementById("accept-form");
    var k = ev.key;
    if (onRecord) {
      if (k === "a") { ev.preventDefault(); submit("accept-form"); }
      else if (k === "x" || k === "r") { ev.preventDefault(); submit("reject-form"); }
      else if (k === "j" || k === "ArrowRight") { ev.preventDefault(); follow("next"); }
      else if (k === "k" || k === "ArrowLeft") { ev.preventDefault(); follow("prev"); }
      else if (k === "e") {
        var first = document.querySelector("input.value");
        if (first) { ev.preventDefault(); first.focus(); first.select(); }
      }
    } else if (rows.length) {
      if (k === "j" || k === "ArrowDown") { ev.preventDefault(); mark(cur + 1); }
      else if (k === "k" || k === "ArrowUp") { ev.preventDefault(); mark(cur - 1); }
      else if (k === "Enter" && cur >= 0) { ev.preventDefault(); rows[cur].click(); }
    }
  });
})();
