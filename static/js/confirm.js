// Asks before an irreversible step: a form with data-confirm="question" is sent only when
// the clerk answers yes. (The content-security policy forbids inline onsubmit handlers.)
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
