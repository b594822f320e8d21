export {};
// Submits the page's form at once (the button stays for browsers without script).
const form = document.getElementById('autopost');
if (form instanceof HTMLFormElement) form.submit();
