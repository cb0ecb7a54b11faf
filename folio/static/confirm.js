// Asks before a form marked data-confirm submits (the tutorial's
// onclick="return confirm(...)", which the Content-Security-Policy forbids
// inline).
"use strict";
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) event.preventDefault();
});
