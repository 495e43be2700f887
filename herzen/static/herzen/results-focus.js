// Paging the case list through htmx replaces the link that was pressed, and focus would fall back to the
// page's body: keyboard and screen-reader users would start again from the top of the page. Instead focus
// moves to the line that says which page of results is now shown, at the top of the new results.
let pagedFrom = null;
document.addEventListener("htmx:beforeRequest", (event) => {
  const element = event.detail.elt;
  pagedFrom = element && element.closest(".pagination") ? element : null;
});
document.addEventListener("htmx:afterSwap", (event) => {
  if (!pagedFrom || !event.detail.target || event.detail.target.id !== "case-results") return;
  pagedFrom = null;
  const summary = event.detail.target.querySelector(".result-count");
  if (summary) summary.focus();
});
