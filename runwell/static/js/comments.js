// Moves the reply form under the comment being answered, and back on "Cancel reply".
// Without JavaScript the same links reload the page with the form in place.
(function () {
  "use strict";
  var section = document.getElementById("comments");
  var respond = document.getElementById("respond");
  var home = document.getElementById("respond-home");
  if (!section || !respond || !home) return;
  var form = respond.querySelector("form");
  var parentInput = form && form.querySelector("input[name=parent]");
  var nameSpan = respond.querySelector(".reply-to-name");
  var cancel = document.getElementById("cancel-comment-reply-link");
  if (!form || !parentInput || !nameSpan || !cancel) return;

  function focusFirstField() {
    var field = form.querySelector("textarea[name=body]") || form.querySelector("input[name=author_name]");
    if (field) field.focus();
  }

  section.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".comment-reply-link") : null;
    if (!link) return;
    var item = document.getElementById("comment-" + link.dataset.commentid);
    if (!item) return;
    event.preventDefault();
    var body = item.querySelector(":scope > .comment-body");
    item.insertBefore(respond, body ? body.nextSibling : item.firstChild);
    parentInput.value = link.dataset.commentid;
    nameSpan.textContent = " to " + link.dataset.author;
    cancel.hidden = false;
    focusFirstField();
  });

  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    var from = parentInput.value;
    home.appendChild(respond);
    parentInput.value = "";
    nameSpan.textContent = "";
    cancel.hidden = true;
    var back = from && document.querySelector("#comment-" + from + " .comment-reply-link");
    if (back) back.focus();
  });
})();
