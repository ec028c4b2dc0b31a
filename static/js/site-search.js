// The header's search box: suggestions while typing (a combobox with a listbox, WAI-ARIA 1.2).
// Arrow keys move through the suggestions, Enter opens the one chosen or, with none chosen,
// searches everything; Escape closes the list. Without JavaScript the form still searches.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.querySelector(".site-search");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var status = form.querySelector(".site-search-status");
  var items = [];
  var active = -1;
  var timer = null;
  var asked = "";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = index;
    Array.prototype.forEach.call(list.children, function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", list.children[index].id);
      list.children[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(results) {
    items = results;
    list.textContent = "";
    results.forEach(function (result, i) {
      var option = document.createElement("li");
      option.id = "site-search-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var label = document.createElement("span");
      label.className = "option-label";
      label.textContent = result.label;
      var detail = document.createElement("span");
      detail.className = "option-detail";
      detail.textContent = result.kind_label + (result.detail ? " · " + result.detail : "");
      option.appendChild(label);
      option.appendChild(detail);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = result.url;
      });
      list.appendChild(option);
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var message = results.length === 0 ? form.dataset.none
      : results.length === 1 ? form.dataset.one
      : form.dataset.many.replace("{count}", results.length);
    status.textContent = message;
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
  }

  function ask() {
    var q = input.value.trim();
    if (q.length < 3) {
      asked = q;
      items = [];
      close();
      return;
    }
    if (q === asked) return;
    asked = q;
    fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { q: q, results: [] }; })
      .then(function (answer) {
        if (answer.q === input.value.trim() && document.activeElement === input) show(answer.results);
      })
      .catch(function () { close(); });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 150);
  });
  input.addEventListener("keydown", function (event) {
    var open = !list.hidden && items.length;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      window.location.href = items[active].url;
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", close);
  input.addEventListener("focus", function () {
    if (items.length && input.value.trim() === asked) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  });
});
