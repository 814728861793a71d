// The participants pages: "select all" in the table, and the attendance sheet's Print button.
// No inline handlers (the CSP forbids them); without JavaScript each box is ticked by hand.
document.addEventListener("change", (event) => {
  const all = event.target.closest(".js-select-all");
  if (all) {
    const table = all.closest("table");
    for (const box of table.querySelectorAll(".js-select-row")) {
      box.checked = all.checked;
    }
    return;
  }
  const row = event.target.closest(".js-select-row");
  if (row) {
    const table = row.closest("table");
    const boxes = [...table.querySelectorAll(".js-select-row")];
    const selectAll = table.querySelector(".js-select-all");
    const ticked = boxes.filter((box) => box.checked).length;
    selectAll.checked = ticked === boxes.length;
    selectAll.indeterminate = ticked > 0 && ticked < boxes.length;
  }
});

document.addEventListener("click", (event) => {
  if (event.target.closest(".js-print")) {
    window.print();
  }
});
