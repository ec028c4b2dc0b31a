// Lists the chosen photos with their sizes and flags any over the limit before sending.
(function () {
  "use strict";
  var input = document.querySelector(".photo-submit input[type=file]");
  var list = document.getElementById("file-list");
  if (!input || !list) return;
  var limit = parseInt(input.getAttribute("data-max-bytes") || "0", 10);
  // The page's language decides the decimal separator, as on the server ("19,1 MB" in Spanish).
  var megabytes = new Intl.NumberFormat(document.documentElement.lang || undefined, {
    minimumFractionDigits: 1, maximumFractionDigits: 1
  });
  input.addEventListener("change", function () {
    list.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " · " + megabytes.format(file.size / 1048576) + " MB";
      if (limit && file.size > limit) item.className = "too-big";
      list.appendChild(item);
    });
  });
})();
