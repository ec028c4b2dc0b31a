// Copy and print buttons for the letter page; hidden until this script shows them, so the page
// offers only what works.
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");
  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    var title = document.getElementById("letter-title");
    if (!target) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = (title ? title.textContent + "\n\n" : "") + target.textContent;
      var done = function () { if (status) status.textContent = button.getAttribute("data-copied"); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { selectText(target); });
      } else {
        selectText(target);
      }
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
