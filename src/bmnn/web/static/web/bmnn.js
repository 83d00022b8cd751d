// Behaviour that used to sit in inline handlers: the Content-Security-Policy allows scripts from this file only.
//   data-print               a button that prints the page
//   data-autosubmit          a select that submits its form when changed
//   data-confirm="question"  a form that asks before it is sent
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) { window.print(); }
});
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-autosubmit]") && event.target.form) { event.target.form.submit(); }
});
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) { event.preventDefault(); }
});

// Pickers (bmnn/core/lookup.py): a text box with data-lookup="<url>" and, after it, the hidden input holding
// the chosen id. Typing asks the url for matches (?q=...) and lists them; choosing one fills the hidden id.
// Editing the text again clears the choice. Without this script the server resolves what was typed.
(function () {
  var timer = null;
  var asked = 0;
  function hidden(box) { return box.nextElementSibling; }
  function list(box) {
    var ul = box.parentNode.querySelector(".lookup-list");
    if (!ul) {
      ul = document.createElement("ul");
      ul.className = "lookup-list";
      ul.setAttribute("role", "listbox");
      ul.id = box.id + "_list";
      box.setAttribute("aria-controls", ul.id);
      box.parentNode.appendChild(ul);
    }
    return ul;
  }
  function close(box) {
    var ul = box.parentNode.querySelector(".lookup-list");
    if (ul) { ul.remove(); }
    box.setAttribute("aria-expanded", "false");
  }
  function choose(box, li) {
    clearTimeout(timer);
    asked++;  // a look-up still on its way is not shown over the choice
    hidden(box).value = li.getAttribute("data-id");
    box.value = li.textContent;
    close(box);
  }
  function show(box, data) {
    var ul = list(box);
    ul.textContent = "";
    data.results.forEach(function (item, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.setAttribute("data-id", item.id);
      li.setAttribute("aria-selected", i === 0 ? "true" : "false");
      li.textContent = item.label;
      ul.appendChild(li);
    });
    if (!data.results.length || data.more) {
      var note = document.createElement("li");
      note.className = "muted";
      note.textContent = data.results.length ? "Còn nữa: gõ thêm để thu hẹp." : "Không có ai phù hợp trong danh sách được chọn.";
      ul.appendChild(note);
    }
    box.setAttribute("aria-expanded", "true");
  }
  function search(box) {
    var url = box.getAttribute("data-lookup") + "&q=" + encodeURIComponent(box.value);
    var mine = ++asked;  // an older answer arriving late never replaces a newer one
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {results: []}; })
      .then(function (data) { if (mine === asked && document.activeElement === box) { show(box, data); } });
  }
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches("input[data-lookup]")) { return; }
    hidden(box).value = "";
    clearTimeout(timer);
    timer = setTimeout(function () { search(box); }, 150);
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("input[data-lookup]") && !hidden(event.target).value) { search(event.target); }
  });
  document.addEventListener("mousedown", function (event) {
    var li = event.target.closest(".lookup-list li[data-id]");
    if (li) { event.preventDefault(); choose(li.closest(".lookup").querySelector("input[data-lookup]"), li); }
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.matches("input[data-lookup]")) { close(event.target); }
  });
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (!box.matches("input[data-lookup]")) { return; }
    var ul = box.parentNode.querySelector(".lookup-list");
    var items = ul ? Array.prototype.slice.call(ul.querySelectorAll("li[data-id]")) : [];
    var at = items.findIndex(function (li) { return li.getAttribute("aria-selected") === "true"; });
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) { return; }
      event.preventDefault();
      var next = (at + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === next ? "true" : "false"); });
      items[next].scrollIntoView({block: "nearest"});
    } else if (event.key === "Enter" && items.length && at >= 0) {
      event.preventDefault();  // Enter chooses; it does not send the form half filled
      choose(box, items[at]);
    } else if (event.key === "Escape") {
      close(box);
    }
  });
})();
