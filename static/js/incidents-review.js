// Review list: "select all on this page".
(function () {
  "use strict";
  var all = document.getElementById("check-all");
  if (!all) return;
  var boxes = document.querySelectorAll('input[name="ids"]');
  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
})();
