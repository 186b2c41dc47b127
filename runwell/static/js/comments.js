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

// A refused comment: the page opens at the form (#respond); move the focus to the error
// summary at its top, so a screen reader announces what to put right. Each error also
// describes its field, and the comment box counts down to its limit, never cutting text.
(function () {
  "use strict";
  var form = document.getElementById("commentform");
  if (!form) return;

  var summary = document.getElementById("comment-errors");
  if (summary) {
    // After the load: Chromium clears the focus when it scrolls to the #respond fragment.
    var focusSummary = function () { summary.focus(); };
    if (document.readyState === "complete") focusSummary();
    else window.addEventListener("load", function () { setTimeout(focusSummary, 0); });
    summary.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    });
  }
  form.querySelectorAll(".errorlist[id]").forEach(function (list) {
    var field = document.getElementById(list.id.replace(/_errors$/, ""));
    if (!field) return;
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(list.id) < 0) described.unshift(list.id);
    field.setAttribute("aria-describedby", described.join(" "));
  });

  var body = form.querySelector("textarea[name=body]");
  var count = body && document.getElementById(body.id + "_count");
  var live = body && document.getElementById(body.id + "_count_live");
  if (!body || !count) return;
  var max = parseInt(count.getAttribute("data-max"), 10) || 10000;
  var hint = document.getElementById(body.id + "_hint");
  var described = (body.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  [hint && hint.id, count.id].forEach(function (id) {
    if (id && described.indexOf(id) < 0) described.push(id);
  });
  body.setAttribute("aria-describedby", described.join(" "));
  var format = new Intl.NumberFormat("en-GB");
  var timer = null;

  function message() {
    var left = max - body.value.length;
    if (left >= 0) {
      return "You have " + format.format(left) + " character" + (left === 1 ? "" : "s") + " remaining";
    }
    var over = -left;
    return "You have " + format.format(over) + " character" + (over === 1 ? "" : "s") + " too many";
  }

  function update() {
    count.hidden = false;
    count.textContent = message();
    var over = body.value.length > max;
    count.classList.toggle("is-over", over);
    body.classList.toggle("is-over", over);
    // Screen readers hear the count once typing pauses, not after every key.
    if (live) {
      clearTimeout(timer);
      timer = setTimeout(function () { live.textContent = count.textContent; }, 1000);
    }
  }

  body.addEventListener("input", update);
  update();
  if (live) live.textContent = "";
})();
