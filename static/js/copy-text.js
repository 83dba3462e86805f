// "Copy the text" buttons: copy the named field's text to the clipboard and say so.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-from]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copyFrom);
  const status = button.parentElement.querySelector("[data-copy-status]");
  const done = () => { if (status) status.textContent = button.dataset.copied; };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(field.value).then(done, () => { field.select(); });
  } else {
    field.select();
  }
});
