// Admin: a "Preview" button under the Markdown body, rendering it as readers will see it.
// The server renders and sanitises (the same code as on save), so the result is safe HTML.
(function () {
  "use strict";

  function setUp(textarea) {
    var url = textarea.getAttribute("data-preview-url");
    var form = textarea.form;
    if (!url || !form) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = "Preview";
    var pane = document.createElement("div");
    pane.className = "runwell-preview";
    pane.hidden = true;
    pane.setAttribute("aria-live", "polite");
    pane.setAttribute("tabindex", "-1");
    textarea.insertAdjacentElement("afterend", pane);
    textarea.insertAdjacentElement("afterend", button);

    button.addEventListener("click", function () {
      var data = new FormData();
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      var format = form.querySelector("[name=body_format]");
      data.append("body", textarea.value);
      data.append("body_format", format ? format.value : "markdown");
      button.disabled = true;
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.text();
        })
        .then(function (html) {
          pane.innerHTML = html;
          pane.hidden = false;
          button.textContent = "Refresh preview";
        })
        .catch(function (error) {
          pane.textContent = "The preview could not be made (" + error.message + ").";
          pane.hidden = false;
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-preview-url]").forEach(setUp);
  });
})();
