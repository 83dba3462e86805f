// Skip logic on the answering page: a question that depends on an answer above it is shown
// only when that answer is chosen. The server applies the same rule, so this is a convenience.
(function () {
  "use strict";
  var form = document.querySelector(".survey-form");
  if (!form) return;
  var dependents = form.querySelectorAll("[data-show-if]");
  function update() {
    dependents.forEach(function (fieldset) {
      var name = fieldset.getAttribute("data-show-if");
      var wanted = fieldset.getAttribute("data-show-value");
      var inputs = form.querySelectorAll('[name="' + name + '"]');
      if (!inputs.length) return; // depends on another page: the server decided
      var chosen = Array.prototype.some.call(inputs, function (input) {
        return input.checked && input.value === wanted;
      });
      fieldset.hidden = !chosen;
    });
  }
  form.addEventListener("change", update);
  update();
})();
