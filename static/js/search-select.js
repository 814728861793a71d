// Search-as-you-type choices (ssrportal/widgets.py SearchSelect and SearchSelectMultiple).
//
// Each <select data-search-select> holds only the chosen options; Tom Select turns it into a
// field that asks data-search-url?q=... for options as the user types. With data-create-url it
// offers "Add “typed text”…": that page's form opens in a modal, and the row it creates is added
// and chosen at once. Selects added later (formset rows cloned by formsets.js, a modal's form)
// are set up as they appear. Without this script the select still submits its chosen value.
(() => {
  "use strict";

  const MIN_LENGTH = 2;

  function results(url, query) {
    const address = new URL(url, window.location.href);
    address.searchParams.set("q", query);
    return fetch(address, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then((response) => (response.ok ? response.json() : { results: [] }));
  }

  // --- The modal that adds a missing row -------------------------------------------------------

  let modalElement = null;

  function modal() {
    if (!modalElement) {
      modalElement = document.createElement("div");
      modalElement.className = "modal fade search-select-modal";
      modalElement.tabIndex = -1;
      modalElement.setAttribute("aria-modal", "true");
      modalElement.setAttribute("role", "dialog");
      modalElement.innerHTML =
        '<div class="modal-dialog modal-lg modal-dialog-scrollable"><div class="modal-content"></div></div>';
      document.body.append(modalElement);
    }
    return modalElement;
  }

  function fragmentUrl(url, params) {
    const address = new URL(url, window.location.href);
    Object.entries(params).forEach(([key, value]) => address.searchParams.set(key, value));
    return address;
  }

  function showFragment(html, done) {
    const element = modal();
    const content = element.querySelector(".modal-content");
    content.innerHTML = html;
    const labelled = content.querySelector("[id$='-title']");
    if (labelled) {
      element.setAttribute("aria-labelledby", labelled.id);
    }
    const form = content.querySelector("form");
    if (form) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const submitter = event.submitter;
        const data = new FormData(form, submitter || undefined);
        fetch(form.action, {
          method: "POST",
          body: data,
          credentials: "same-origin",
          headers: { Accept: "application/json, text/html" },
        })
          .then((response) => {
            const type = response.headers.get("Content-Type") || "";
            if (type.includes("application/json")) {
              return response.json().then((row) => done(row));
            }
            return response.text().then((text) => showFragment(text, done));
          })
          .catch(() => done(null));
      });
    }
    content.querySelectorAll("[data-pick-value]").forEach((button) => {
      button.addEventListener("click", () =>
        done({ value: button.dataset.pickValue, text: button.dataset.pickText, detail: "" }),
      );
    });
    const first = content.querySelector("input:not([type=hidden]), select, textarea, button");
    if (first && element.classList.contains("show")) {
      first.focus();
    }
  }

  function openCreate(tom, url, typed, callback) {
    let settled = false;
    const element = modal();
    const dialog = window.bootstrap.Modal.getOrCreateInstance(element);
    // The row created or picked is added to the select and chosen (Tom Select's create callback).
    const finish = (row) => {
      if (settled) {
        return;
      }
      settled = true;
      dialog.hide();
      if (row && row.value) {
        callback({ value: String(row.value), text: row.text, detail: row.detail || "" });
      } else {
        callback();
      }
    };
    element.addEventListener(
      "hidden.bs.modal",
      () => {
        finish(null);
        element.querySelector(".modal-content").innerHTML = "";
        tom.focus();
      },
      { once: true },
    );
    element.addEventListener(
      "shown.bs.modal",
      () => {
        const first = element.querySelector(".modal-body input:not([type=hidden])");
        if (first) {
          first.focus();
        }
      },
      { once: true },
    );
    fetch(fragmentUrl(url, { name: typed, modal: "1" }), { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then((html) => {
        showFragment(html, finish);
        dialog.show();
      })
      .catch(() => finish(null));
  }

  // --- Setting up one select ------------------------------------------------------------------

  function setUp(select) {
    if (select.tomselect || !window.TomSelect) {
      return;
    }
    const data = select.dataset;
    const multiple = data.searchSelect === "multiple";
    const createUrl = data.createUrl || "";
    const hasEmpty = Array.from(select.options).some((option) => option.value === "");
    const plugins = multiple ? ["remove_button"] : [];
    if (!multiple && hasEmpty) {
      plugins.push("clear_button");
    }
    const tom = new window.TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxItems: multiple ? null : 1,
      maxOptions: 50,
      plugins,
      placeholder: data.placeholder || "",
      allowEmptyOption: false,
      loadThrottle: 250,
      persist: false,
      createOnBlur: false,
      closeAfterSelect: !multiple,
      // The server has matched the words (accents, aliases): show what it sent, in its order.
      score() {
        return () => 1;
      },
      shouldLoad(query) {
        return query.trim().length >= MIN_LENGTH;
      },
      load(query, callback) {
        results(data.searchUrl, query)
          .then((answer) => {
            this.clearOptions();
            callback(answer.results || []);
          })
          .catch(() => callback());
      },
      create: createUrl
        ? function create(input, callback) {
            openCreate(this, createUrl, input, callback);
          }
        : false,
      render: {
        option(row, escape) {
          const detail = row.detail
            ? `<small class="d-block text-muted search-select-detail">${escape(row.detail)}</small>`
            : "";
          return `<div>${escape(row.text)}${detail}</div>`;
        },
        item(row, escape) {
          return `<div>${escape(row.text)}</div>`;
        },
        option_create(row, escape) {
          const text = (data.textCreate || "Add “{text}”…").replace("{text}", `<strong>${escape(row.input)}</strong>`);
          return `<div class="create">${text}</div>`;
        },
        no_results(row) {
          const message =
            row.input.trim().length < MIN_LENGTH ? data.textTypeMore : data.textNoResults;
          return `<div class="no-results">${message}</div>`;
        },
        loading() {
          return `<div class="spinner-border spinner-border-sm m-2" role="status"><span class="visually-hidden">${data.textLoading}</span></div>`;
        },
      },
    });
    if (select.classList.contains("is-invalid")) {
      tom.wrapper.classList.add("is-invalid");
    }
    // Tom Select points the field's label at its own input and keeps the select, out of the tab
    // order, only to submit the choice: hidden from assistive technologies too, they meet one
    // field, labelled, instead of a second one with no name.
    select.setAttribute("aria-hidden", "true");
    return tom;
  }

  function setUpWithin(root) {
    if (root.matches && root.matches("select[data-search-select]")) {
      setUp(root);
    }
    if (root.querySelectorAll) {
      root.querySelectorAll("select[data-search-select]").forEach(setUp);
    }
  }

  // Rows that formsets.js adds and forms loaded into a modal: set up as they appear.
  function watch() {
    new MutationObserver((changes) => {
      changes.forEach((change) => change.addedNodes.forEach((node) => setUpWithin(node)));
    }).observe(document.body, { childList: true, subtree: true });
  }

  function start() {
    setUpWithin(document);
    watch();
  }

  window.searchSelect = { setUpWithin };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
