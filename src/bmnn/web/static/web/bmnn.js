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
