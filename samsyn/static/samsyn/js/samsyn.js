// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to an error summary so screen-reader users hear what to fix.
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
  // Ask before destructive actions marked with data-confirm (docs/deleting.md). Without
  // JavaScript the server asks on a page of its own; here the same question opens as a native
  // <dialog> and "Ta bort" posts the form with confirm=1.
  const dialog = document.getElementById("confirm-dialog");
  const canDialog = dialog && typeof dialog.showModal === "function";
  let pending = null;
  let opener = null;
  const yes = dialog ? dialog.querySelector("[data-confirm-yes]") : null;
  const yesText = yes ? yes.textContent : "";
  const title = dialog ? dialog.querySelector("#confirm-dialog-title") : null;
  const titleText = title ? title.textContent : "";
  if (canDialog) {
    yes.addEventListener("click", () => {
      const form = pending;
      pending = null;
      dialog.close();
      if (!form) return;
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = "confirm";
      field.value = "1";
      form.appendChild(field);
      form.submit();
    });
    dialog.querySelector("[data-confirm-no]").addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      if (pending && opener) opener.focus();
      pending = null;
    });
  }
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (form.querySelector("input[name=confirm]")) return;
      event.preventDefault();
      if (!canDialog) {
        if (window.confirm(form.dataset.confirm)) {
          const field = document.createElement("input");
          field.type = "hidden";
          field.name = "confirm";
          field.value = "1";
          form.appendChild(field);
          form.submit();
        }
        return;
      }
      pending = form;
      opener = event.submitter || document.activeElement;
      dialog.querySelector("[data-confirm-question]").textContent = form.dataset.confirm;
      dialog.querySelector("[data-confirm-note]").textContent = form.dataset.confirmNote || "";
      yes.textContent = form.dataset.confirmYes || yesText;
      // The heading names the action too: "Återkalla?" for a key, "Ta bort?" otherwise.
      title.textContent = form.dataset.confirmYes ? `${form.dataset.confirmYes}?` : titleText;
      dialog.showModal();
      dialog.querySelector("[data-confirm-no]").focus();
    });
  });
});
