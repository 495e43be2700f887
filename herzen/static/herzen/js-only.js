// Shows the parts of a page that only work with JavaScript (passkeys); without it they stay hidden.
document.querySelectorAll(".js-only[hidden]").forEach((element) => {
  element.hidden = false;
});
