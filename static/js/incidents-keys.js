// Keyboard labelling: a key press clicks the button whose data-key matches (0–5, U, S).
// Only one press is taken per page, so a fast double press never labels the next post blind.
(function () {
  "use strict";
  var form = document.querySelector("form[data-keys], #label-form");
  if (!form) return;
  var sent = false;
  form.addEventListener("submit", function () { sent = true; });
  document.addEventListener("keydown", function (event) {
    if (sent || event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var key = (event.key || "").toLowerCase();
    var button = form.querySelector('[data-key="' + key.replace(/"/g, "") + '"]');
    if (!button) return;
    event.preventDefault();
    button.classList.add("pressed");
    sent = true;
    if (form.requestSubmit) form.requestSubmit(button); else button.click();
  });
})();
