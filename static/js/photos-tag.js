// Drawing face boxes over the photo with a mouse, finger or pen. The box is written into the
// form's x / y / width / height inputs in the photo's own pixels, so the page works without this
// script too (the inputs are typed by hand then).
(function () {
  "use strict";
  var stage = document.getElementById("tag-stage");
  var marker = document.getElementById("draw-box");
  if (!stage || !marker) return;
  var naturalWidth = parseInt(stage.getAttribute("data-width"), 10);
  var naturalHeight = parseInt(stage.getAttribute("data-height"), 10);
  var target = null;   // the form that receives the box
  var start = null;    // pointer-down point, in natural pixels
  var justDrew = false;

  function point(event) {
    var rect = stage.getBoundingClientRect();
    var x = Math.min(Math.max(event.clientX - rect.left, 0), rect.width);
    var y = Math.min(Math.max(event.clientY - rect.top, 0), rect.height);
    return { x: x * naturalWidth / rect.width, y: y * naturalHeight / rect.height };
  }

  function show(box) {
    marker.hidden = false;
    marker.style.left = (100 * box.x / naturalWidth) + "%";
    marker.style.top = (100 * box.y / naturalHeight) + "%";
    marker.style.width = (100 * box.width / naturalWidth) + "%";
    marker.style.height = (100 * box.height / naturalHeight) + "%";
  }

  function boxFrom(a, b) {
    return {
      x: Math.round(Math.min(a.x, b.x)), y: Math.round(Math.min(a.y, b.y)),
      width: Math.round(Math.abs(a.x - b.x)), height: Math.round(Math.abs(a.y - b.y))
    };
  }

  function stop() {
    stage.classList.remove("drawing");
    document.querySelectorAll("[data-draw]").forEach(function (button) { button.setAttribute("aria-pressed", "false"); });
    start = null;
  }

  document.querySelectorAll("[data-draw]").forEach(function (button) {
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      target = document.getElementById(button.getAttribute("data-draw"));
      stage.classList.add("drawing");
      button.setAttribute("aria-pressed", "true");
      marker.hidden = true;
      stage.scrollIntoView({ block: "nearest", behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    });
  });

  stage.addEventListener("pointerdown", function (event) {
    if (!stage.classList.contains("drawing")) return;
    event.preventDefault();
    start = point(event);
    stage.setPointerCapture(event.pointerId);
    show({ x: start.x, y: start.y, width: 0, height: 0 });
  });
  stage.addEventListener("pointermove", function (event) {
    if (start) show(boxFrom(start, point(event)));
  });
  stage.addEventListener("pointerup", function (event) {
    if (!start || !target) return;
    var box = boxFrom(start, point(event));
    justDrew = true;
    stop();
    if (box.width < 8 || box.height < 8) { marker.hidden = true; return; }
    show(box);
    ["x", "y", "width", "height"].forEach(function (name) { target.elements[name].value = box[name]; });
    var save = target.querySelector("[data-save]");
    save.hidden = false;
    save.focus();
  });
  stage.addEventListener("click", function (event) {
    // While drawing, a click on an existing box must not jump to its card.
    if (stage.classList.contains("drawing") || justDrew) event.preventDefault();
    justDrew = false;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && stage.classList.contains("drawing")) { stop(); marker.hidden = true; }
  });
})();
