// Witness form: suggest "City, ST" from our gazetteer as the person types (the form works
// without it; the server checks the place either way).
(function () {
  "use strict";
  var script = document.getElementById("place-search-script");
  var input = document.querySelector("[data-place-search]");
  var list = document.getElementById("place-options");
  if (!script || !input || !list) return;
  var url = script.getAttribute("data-url");
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    var query = input.value.split(",")[0].trim();
    if (query.length < 2 || query === last) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      last = query;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { places: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.places.forEach(function (place) {
            var option = document.createElement("option");
            option.value = place;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a help, not a requirement */ });
    }, 150);
  });
})();
