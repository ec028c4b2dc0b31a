// Keyboard shortcuts for sorting: Y = yes, N = no, S = skip.
(function () {
  "use strict";
  var form = document.getElementById("sort-form");
  if (!form) return;
  var sent = false;
  document.addEventListener("keydown", function (event) {
    if (sent || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var button = form.querySelector('button[data-key="' + event.key.toLowerCase() + '"]');
    if (!button) return;
    event.preventDefault();
    sent = true;
    button.focus();
    if (form.requestSubmit) form.requestSubmit(button); else button.click();
  });
})();
