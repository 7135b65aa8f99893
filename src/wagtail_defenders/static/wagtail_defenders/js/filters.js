/*
 * The index page's filter form without empty parameters: "?theme=lhbti", not
 * "?q=&theme=lhbti&country=&city=&year=".
 *
 * On submit, the fields left empty (search text, "All countries", ...) are
 * disabled, so the browser leaves them out of the address; they are enabled
 * again when the page is shown once more (the back button restores the form
 * from the browser's cache). Without JavaScript the form submits as before.
 */
(function () {
  "use strict";

  function enable(form) {
    form.querySelectorAll("[data-defenders-emptied]").forEach(function (field) {
      field.disabled = false;
      field.removeAttribute("data-defenders-emptied");
    });
  }

  document.querySelectorAll("form.defenders-filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && !field.disabled && field.value === "" &&
            field.type !== "checkbox" && field.type !== "radio") {
          field.disabled = true;
          field.setAttribute("data-defenders-emptied", "");
        }
      });
    });
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.defenders-filters").forEach(enable);
  });
})();
