// The calendar subscription page: a button copies the feed address (shown only with script).
document.querySelectorAll(".js-copy").forEach((button) => {
  const field = document.getElementById(button.dataset.copyTarget);
  if (!field || !navigator.clipboard) {
    return;
  }
  button.classList.remove("d-none");
  button.addEventListener("click", async () => {
    field.select();
    await navigator.clipboard.writeText(field.value);
    button.textContent = button.dataset.copiedText;
  });
});
