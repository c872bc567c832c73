// Filters a long list of checkboxes by what is typed: the input names the list by
// data-filter, and is shown only when this script runs, so that without script the
// form is the plain list.
(function () {
  "use strict";
  function init() {
    var inputs = document.querySelectorAll("input[data-filter]");
    for (var i = 0; i < inputs.length; i++) {
      bind(inputs[i]);
    }
  }
  function bind(input) {
    var list = document.getElementById(input.getAttribute("data-filter"));
    if (!list) {
      return;
    }
    input.closest("label").hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.trim().split(/\s+/).filter(Boolean);
      var labels = list.querySelectorAll("label");
      for (var j = 0; j < labels.length; j++) {
        var text = labels[j].textContent;
        var box = labels[j].querySelector("input");
        // Checked departments stay visible: hiding them would hide what is sent.
        labels[j].hidden = !(box && box.checked) && !words.every(function (w) { return text.indexOf(w) >= 0; });
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
