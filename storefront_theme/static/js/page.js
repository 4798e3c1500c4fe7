// Behaviour that used to sit in inline handlers (the Content-Security-Policy allows no inline script):
// <select data-autosubmit> submits its form on change; <button data-print> prints the page.
document.addEventListener("change", function (e) {
  if (e.target.matches && e.target.matches("[data-autosubmit]") && e.target.form) e.target.form.submit();
});
document.addEventListener("click", function (e) {
  if (e.target.closest && e.target.closest("[data-print]")) window.print();
});
