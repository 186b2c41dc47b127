// The article editor: put an image into the text by dragging it onto the body (or the
// panel) or picking it, with its alt text and caption; it is uploaded, shrunk by the
// server and inserted at the cursor as Markdown. Without JavaScript, the image library
// (linked below the body) takes the same upload and shows the Markdown to paste.
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function insertAtCursor(textarea, markdown) {
    var start = textarea.selectionStart || 0;
    var end = textarea.selectionEnd || start;
    var before = textarea.value.slice(0, start);
    var after = textarea.value.slice(end);
    // A figure is a paragraph of its own: blank lines around it.
    var lead = before === "" || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var tail = after === "" || /^\n\n/.test(after) ? "\n" : /^\n/.test(after) ? "\n" : "\n\n";
    textarea.value = before + lead + markdown + tail + after;
    var caret = (before + lead + markdown).length;
    textarea.setSelectionRange(caret, caret);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function setUp(textarea) {
    var uploadUrl = textarea.getAttribute("data-image-upload-url");
    var libraryUrl = textarea.getAttribute("data-image-library-url");
    var form = textarea.form;
    if (!uploadUrl || !form) return;
    var id = textarea.id || "id_body";

    var panel = el("section", { "class": "runwell-image-panel", "aria-labelledby": id + "-image-title" });
    panel.appendChild(el("h3", { id: id + "-image-title" }, "Insert an image"));
    panel.appendChild(el("p", {}, "Drag an image onto the text or this box, or choose one. It is resized like hero images and inserted where the cursor is."));
    var fileLabel = el("label", { "for": id + "-image-file" }, "Image file");
    var file = el("input", { type: "file", id: id + "-image-file", accept: "image/jpeg,image/png,image/webp,image/gif" });
    var thumb = el("img", { alt: "", hidden: "" });
    var altLabel = el("label", { "for": id + "-image-alt" }, "Alt text (what the image shows, for people who cannot see it)");
    var alt = el("input", { type: "text", id: id + "-image-alt", maxlength: "300", "aria-describedby": id + "-image-alt-error" });
    var altError = el("p", { "class": "runwell-image-error", id: id + "-image-alt-error" });
    var captionLabel = el("label", { "for": id + "-image-caption" }, "Caption (shown under the image)");
    var caption = el("input", { type: "text", id: id + "-image-caption", maxlength: "300", "aria-describedby": id + "-image-caption-error" });
    var captionError = el("p", { "class": "runwell-image-error", id: id + "-image-caption-error" });
    var fileError = el("p", { "class": "runwell-image-error", id: id + "-image-file-error" });
    file.setAttribute("aria-describedby", id + "-image-file-error");
    var actions = el("div", { "class": "runwell-image-actions" });
    var insert = el("button", { type: "button", "class": "button" }, "Upload and insert");
    actions.appendChild(insert);
    if (libraryUrl) {
      var library = el("a", { href: libraryUrl, target: "_blank", rel: "noopener" }, "Image library");
      actions.appendChild(library);
    }
    var status = el("p", { "class": "runwell-image-status", role: "status" });
    [fileLabel, file, fileError, thumb, altLabel, alt, altError, captionLabel, caption, captionError, actions, status]
      .forEach(function (node) { panel.appendChild(node); });
    textarea.insertAdjacentElement("afterend", panel);

    var chosen = null;

    function choose(f) {
      if (!f) return;
      if (!/^image\//.test(f.type)) {
        fileError.textContent = "That file is not an image.";
        return;
      }
      chosen = f;
      fileError.textContent = "";
      status.textContent = "Chosen: " + f.name + ". Add its alt text and caption, then insert it.";
      thumb.src = URL.createObjectURL(f);
      thumb.hidden = false;
      alt.focus();
    }

    file.addEventListener("change", function () { choose(file.files && file.files[0]); });

    [panel, textarea].forEach(function (target) {
      target.addEventListener("dragover", function (event) {
        if (!event.dataTransfer || Array.prototype.indexOf.call(event.dataTransfer.types, "Files") < 0) return;
        event.preventDefault();
        panel.classList.add("is-dragging");
      });
      target.addEventListener("dragleave", function () { panel.classList.remove("is-dragging"); });
      target.addEventListener("drop", function (event) {
        if (!event.dataTransfer || !event.dataTransfer.files.length) return;
        event.preventDefault();
        panel.classList.remove("is-dragging");
        choose(event.dataTransfer.files[0]);
      });
    });

    function showErrors(errors) {
      fileError.textContent = (errors.image || errors.__all__ || []).join(" ");
      altError.textContent = (errors.alt_text || []).join(" ");
      captionError.textContent = (errors.caption || []).join(" ");
      var first = errors.image || errors.__all__ ? file : errors.alt_text ? alt : caption;
      first.focus();
    }

    insert.addEventListener("click", function () {
      var errors = {};
      if (!chosen) errors.image = ["Choose an image to upload."];
      if (!alt.value.trim()) errors.alt_text = ["Describe the image for people who cannot see it."];
      if (!caption.value.trim()) errors.caption = ["Give the image a caption."];
      if (Object.keys(errors).length) { showErrors(errors); return; }
      showErrors({});
      var data = new FormData();
      data.append("image", chosen, chosen.name);
      data.append("alt_text", alt.value);
      data.append("caption", caption.value);
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      insert.disabled = true;
      status.textContent = "Uploading…";
      fetch(uploadUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
      })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            return { ok: response.ok, status: response.status, body: body };
          });
        })
        .then(function (answer) {
          if (!answer.ok) {
            showErrors(answer.body.errors || { __all__: ["The upload failed (HTTP " + answer.status + ")."] });
            status.textContent = "";
            return;
          }
          insertAtCursor(textarea, answer.body.markdown);
          status.textContent = "Image inserted into the text. Save the article to keep it.";
          chosen = null;
          file.value = "";
          alt.value = "";
          caption.value = "";
          thumb.hidden = true;
          textarea.focus();
        })
        .catch(function (error) {
          fileError.textContent = "The upload failed: " + error.message;
          status.textContent = "";
        })
        .finally(function () { insert.disabled = false; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-image-upload-url]").forEach(setUp);
  });
})();
