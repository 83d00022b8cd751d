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
// A picker of several (a text area with data-lookup-multi, in a .lookup-multi) becomes such a box: each choice
// is added as a chip (the name, a hidden id, a button that removes it) and the box is emptied for the next;
// Backspace in the empty box removes the last chip. Without the script the chips are ticked boxes and more
// are named one per line in the text area.
(function () {
  var timer = null;
  var asked = 0;
  function multi(box) { return box.closest(".lookup-multi"); }
  function hidden(box) { return box.nextElementSibling; }
  function chosenIds(box) {
    var ids = {};
    multi(box).querySelectorAll(".lookup-chips input").forEach(function (input) { ids[input.value] = true; });
    return ids;
  }
  function announce(box, text) { multi(box).querySelector("[aria-live]").textContent = text; }
  function chip(name, id, label) {
    var li = document.createElement("li");
    li.className = "chip";
    var span = document.createElement("span");
    span.textContent = label;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = id;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "chip-remove";
    remove.setAttribute("aria-label", "Bỏ chọn " + label);
    remove.textContent = "×";
    li.appendChild(span);
    li.appendChild(input);
    li.appendChild(remove);
    return li;
  }
  function unchip(li) {
    var box = multi(li).querySelector("input[data-lookup]");
    announce(box, "Đã bỏ chọn " + li.querySelector("span").textContent);
    li.remove();
    box.focus();
  }
  function enhance(area) {
    var wrap = area.closest(".lookup-multi");
    var name = area.name.replace(/_text$/, "");
    var box = document.createElement("input");
    box.type = "text";
    box.id = area.id;
    box.name = area.name;  // a name typed but not chosen is still resolved by the server, as without the script
    box.value = area.value.split("\n")[0].trim();
    box.setAttribute("data-lookup", area.getAttribute("data-lookup-multi"));
    box.setAttribute("placeholder", area.getAttribute("data-placeholder") || "");
    ["aria-describedby", "aria-invalid"].forEach(function (a) {
      if (area.hasAttribute(a)) { box.setAttribute(a, area.getAttribute(a)); }
    });
    box.setAttribute("autocomplete", "off");
    box.setAttribute("spellcheck", "false");
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    wrap.querySelectorAll(".lookup-chips li").forEach(function (li) {
      var ticked = li.querySelector("input[type=checkbox]");
      if (ticked && ticked.checked) { li.replaceWith(chip(name, ticked.value, li.textContent.trim())); } else { li.remove(); }
    });
    area.replaceWith(box);
  }
  document.querySelectorAll("textarea[data-lookup-multi]").forEach(enhance);
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
    if (multi(box)) {
      var name = box.name.replace(/_text$/, "");
      multi(box).querySelector(".lookup-chips").appendChild(chip(name, li.getAttribute("data-id"), li.textContent));
      announce(box, "Đã chọn " + li.textContent);
      box.value = "";
    } else {
      hidden(box).value = li.getAttribute("data-id");
      box.value = li.textContent;
    }
    close(box);
  }
  function show(box, data) {
    var ul = list(box);
    ul.textContent = "";
    if (multi(box)) {  // whoever is chosen already is not offered again
      var ids = chosenIds(box);
      data = {results: data.results.filter(function (item) { return !ids[item.id]; }), more: data.more};
    }
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
    if (!multi(box)) { hidden(box).value = ""; }
    var shown = box.parentNode.querySelector(".lookup-list");  // the matches of what was typed before:
    if (shown) {  // Enter must not take one of them before the new answer arrives
      shown.querySelectorAll("li[aria-selected=true]").forEach(function (li) { li.setAttribute("aria-selected", "false"); });
    }
    clearTimeout(timer);
    timer = setTimeout(function () { search(box); }, 150);
  });
  document.addEventListener("focusin", function (event) {
    var box = event.target;
    if (box.matches("input[data-lookup]") && (multi(box) || !hidden(box).value)) { search(box); }
  });
  document.addEventListener("click", function (event) {
    var remove = event.target.closest(".chip-remove");
    if (remove) { unchip(remove.closest(".chip")); }
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
    } else if (event.key === "Enter" && multi(box) && box.value.trim()) {
      event.preventDefault();  // still looking a name up: the answer is on its way
    } else if (event.key === "Escape") {
      close(box);
    } else if (event.key === "Backspace" && multi(box) && box.value === "") {
      var last = multi(box).querySelector(".lookup-chips li:last-child");
      if (last) { event.preventDefault(); unchip(last); }
    }
  });
})();
