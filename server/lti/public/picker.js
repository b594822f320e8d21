export {};
// The deep-linking picker: previews the chosen item and keeps the form consistent.
const form = document.getElementById('picker');
const preview = document.getElementById('preview');
const link = document.getElementById('scenario_link');

form?.addEventListener('change', (event) => {
	const input = event.target;
	if (!(input instanceof HTMLInputElement) || input.name !== 'item') return;
	if (preview instanceof HTMLIFrameElement && input.dataset.preview)
		preview.src = input.dataset.preview;
});

// A pasted scenario link chooses its own animation: the list is then optional.
link?.addEventListener('input', () => {
	const filled = link instanceof HTMLInputElement && link.value.trim() !== '';
	for (const radio of form?.querySelectorAll('input[name="item"]') ?? []) {
		if (radio instanceof HTMLInputElement) radio.required = !filled;
	}
});
