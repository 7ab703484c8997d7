// Autosave of an application section: posts the form a moment after the last keystroke.
// The server answers 200 (saved), 422 (saved except fields in error) or 409 (someone else
// saved first). On a conflict autosave stops and the typed text stays in the form.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) { return; }
  var status = document.getElementById("autosave-status");
  var versionInput = form.querySelector("input[name=version]");
  var delay = parseInt(form.dataset.autosaveDelay || "1500", 10);
  var timer = null;
  var inFlight = false;
  var pending = false;
  var stopped = false;

  function show(text, kind) {
    status.textContent = text;
    status.className = "fr-message fr-message--" + kind;
    status.dataset.state = kind;
  }

  function save() {
    if (stopped) { return; }
    if (inFlight) { pending = true; return; }
    inFlight = true;
    show(form.dataset.textSaving, "info");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Autosave": "1", "X-Requested-With": "fetch" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) { return { code: response.status, body: body }; });
    }).then(function (result) {
      if (result.code === 409) {
        stopped = true;
        show(result.body.message, "error");
        return;
      }
      versionInput.value = result.body.version;
      if (result.code === 422) {
        var messages = [];
        Object.keys(result.body.errors).forEach(function (field) {
          messages = messages.concat(result.body.errors[field]);
        });
        show(form.dataset.textPartial + " " + messages.join(" "), "error");
      } else {
        show(form.dataset.textSaved + " " + new Date().toLocaleTimeString(), "valid");
      }
    }).catch(function () {
      show(form.dataset.textOffline, "error");
    }).finally(function () {
      inFlight = false;
      if (pending) { pending = false; save(); }
    });
  }

  form.addEventListener("input", function () {
    if (stopped) { return; }
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  });
})();
