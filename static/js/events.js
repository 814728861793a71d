// The event page's "Print" button (the CSP forbids inline handlers).
document.addEventListener("click", (event) => {
  if (event.target.closest(".js-print")) {
    window.print();
  }
});
