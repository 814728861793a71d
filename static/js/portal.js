// The portal's own script, loaded from our origin (the CSP forbids inline script).
document.documentElement.classList.add("js");

document.addEventListener("change", (event) => {
  // The language switcher applies a choice at once; without script its button does.
  const form = event.target.closest(".js-language-switcher");
  if (form) {
    form.submit();
  }
});
