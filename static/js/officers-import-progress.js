// The admin's import page: follow a queued import's progress, then reload to show the report.
// A file, not an inline script: the site's Content-Security-Policy allows scripts from 'self' only.
(function () {
  const bar = document.getElementById("import-progress");
  const stage = document.getElementById("import-stage");
  if (!bar) { return; }
  const url = bar.dataset.progressUrl;
  function poll() {
    fetch(url, {credentials: "same-origin"}).then(r => r.json()).then(state => {
      bar.value = state.progress;
      stage.textContent = state.stage;
      if (state.finished) { window.location.reload(); } else { setTimeout(poll, 1000); }
    }).catch(() => setTimeout(poll, 3000));
  }
  setTimeout(poll, 1000);
})();
