// Rows of a formset (objectives, organisers...) added, removed and moved without a reload and
// without losing what was typed. Each row keeps its fields; only its place in the page and its
// ORDER input change. Without this script the page shows position inputs and "Remove" boxes.
(() => {
  "use strict";

  const rowsOf = (formset) =>
    Array.from(formset.querySelector("[data-formset-rows]").children).filter((row) =>
      row.matches("[data-formset-row]"),
    );
  const isRemoved = (row) => row.classList.contains("formset-row-removed");
  const keptRowsOf = (formset) => rowsOf(formset).filter((row) => !isRemoved(row));
  const field = (row, suffix) => row.querySelector(`[name$="-${suffix}"]`);
  const labelOf = (row) => row.querySelector(".formset-row-label").textContent.trim();

  function say(formset, message) {
    const status = formset.querySelector("[data-formset-status]");
    status.textContent = "";
    // A fresh text node so that screen readers announce the same message twice in a row.
    window.setTimeout(() => {
      status.textContent = message;
    }, 50);
  }

  function preview(row) {
    // What a removed row held, so the officer sees which one will go.
    const text = row.querySelector("[data-formset-fields] textarea, [data-formset-fields] input[type=text]");
    const select = row.querySelector("[data-formset-fields] select");
    let value = text && text.value.trim();
    if (!value && select && select.value) {
      value = select.options[select.selectedIndex].text;
    }
    value = value || "";
    return value.length > 90 ? `${value.slice(0, 90)}…` : value;
  }

  function renumber(formset) {
    const kept = keptRowsOf(formset);
    kept.forEach((row, index) => {
      row.querySelector("[data-formset-number]").textContent = String(index + 1);
      const order = field(row, "ORDER");
      if (order) {
        order.value = String(index + 1);
      }
      row.querySelector('[data-formset-move="up"]').disabled = index === 0;
      row.querySelector('[data-formset-move="down"]').disabled = index === kept.length - 1;
    });
    const total = formset.querySelector('[name$="-TOTAL_FORMS"]');
    const max = Number(formset.dataset.max || 1000);
    formset.querySelector("[data-formset-add]").disabled = Number(total.value) >= max;
  }

  function firstInput(row) {
    return row.querySelector(
      "[data-formset-fields] textarea, [data-formset-fields] select, [data-formset-fields] input:not([type=hidden])",
    );
  }

  async function emptyRow(formset) {
    // The event form leaves its empty rows out of the page (a few KB each): the first "Add"
    // of a list asks the page for it (data-src), later ones reuse it.
    const template = formset.querySelector("template[data-formset-empty]");
    if (template.dataset.src && !template.innerHTML.trim()) {
      const response = await fetch(template.dataset.src, { credentials: "same-origin" });
      if (!response.ok) {
        throw new Error(`${response.status} ${response.statusText}`);
      }
      template.innerHTML = await response.text();
    }
    return template.innerHTML;
  }

  async function add(formset) {
    const button = formset.querySelector("[data-formset-add]");
    button.disabled = true;
    let empty;
    try {
      empty = await emptyRow(formset);
    } catch (error) {
      button.disabled = false;
      say(formset, formset.dataset.textAddFailed);
      return;
    }
    const total = formset.querySelector('[name$="-TOTAL_FORMS"]');
    const index = Number(total.value);
    const html = empty.replace(/__prefix__/g, String(index));
    formset.querySelector("[data-formset-rows]").insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const rows = rowsOf(formset);
    const row = rows[rows.length - 1];
    renumber(formset);
    const input = firstInput(row);
    if (input) {
      input.focus();
    }
    say(formset, `${formset.dataset.textAdded}: ${labelOf(row)}`);
  }

  function move(row, direction) {
    const formset = row.closest("[data-formset]");
    const kept = keptRowsOf(formset);
    const index = kept.indexOf(row);
    const target = kept[direction === "up" ? index - 1 : index + 1];
    if (!target) {
      return;
    }
    if (direction === "up") {
      target.before(row);
    } else {
      target.after(row);
    }
    renumber(formset);
    // Moving a node drops its focus: keep the keyboard where it was, or on the other arrow at an end.
    const button = row.querySelector(`[data-formset-move="${direction}"]`);
    const other = row.querySelector(`[data-formset-move="${direction === "up" ? "down" : "up"}"]`);
    (button.disabled ? other : button).focus();
    say(formset, `${formset.dataset.textMoved}: ${labelOf(row)}`);
  }

  function setRemoved(row, removed) {
    const formset = row.closest("[data-formset]");
    const deletion = field(row, "DELETE");
    if (deletion) {
      deletion.checked = removed;
    }
    row.classList.toggle("formset-row-removed", removed);
    row.querySelector("[data-formset-fields]").hidden = removed;
    row.querySelector("[data-formset-actions]").hidden = removed;
    row.querySelector("[data-formset-removed-note]").hidden = !removed;
    row.querySelector("[data-formset-removed-preview]").textContent = removed ? preview(row) : "";
    if (removed) {
      row.querySelector("[data-formset-number]").textContent = "";
    }
    renumber(formset);
  }

  function remove(row) {
    const formset = row.closest("[data-formset]");
    const label = labelOf(row);
    setRemoved(row, true);
    row.querySelector("[data-formset-undo]").focus();
    say(formset, `${label}: ${row.querySelector("[data-formset-removed-note] span").textContent}`);
  }

  function undo(row) {
    setRemoved(row, false);
    row.querySelector("[data-formset-remove]").focus();
    const formset = row.closest("[data-formset]");
    say(formset, `${formset.dataset.textRestored}: ${labelOf(row)}`);
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || !button.closest("[data-formset]")) {
      return;
    }
    const row = button.closest("[data-formset-row]");
    if (button.matches("[data-formset-add]")) {
      add(button.closest("[data-formset]"));
    } else if (button.matches("[data-formset-move]")) {
      move(row, button.dataset.formsetMove);
    } else if (button.matches("[data-formset-remove]")) {
      remove(row);
    } else if (button.matches("[data-formset-undo]")) {
      undo(row);
    }
  });

  function start() {
    document.querySelectorAll("[data-formset]").forEach((formset) => {
      // Rows removed before a save that failed stay removed, with their undo.
      rowsOf(formset).forEach((row) => {
        const deletion = field(row, "DELETE");
        if (deletion && deletion.checked) {
          setRemoved(row, true);
        }
      });
      renumber(formset);
    });
    const summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
