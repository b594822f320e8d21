export {};
// A launched activity: relays the embedded animation's events (docs/embed-api.md) to
// the LTI server, which turns them into scores for the LMS gradebook.
const data = JSON.parse(document.getElementById('launch-data')?.textContent || '{}');
const frame = document.getElementById('activity');
const statusLine = document.getElementById('sync-status');
/** @type {Record<string, unknown>[]} */
const pending = [];
let sending = false;

async function flush() {
	if (sending || !data.token) return;
	sending = true;
	while (pending.length) {
		try {
			const response = await fetch('/lti/progress', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${data.token}` },
				body: JSON.stringify(pending[0]),
				credentials: 'omit'
			});
			if (response.status >= 500) throw new Error(String(response.status));
			pending.shift();
			if (statusLine) statusLine.textContent = response.ok ? 'Progress saved to your course.' : '';
		} catch {
			// The server is unreachable: keep the event and try again shortly.
			if (statusLine) statusLine.textContent = 'Could not reach Stepvisor; retrying…';
			await new Promise((resolve) => setTimeout(resolve, 3000));
		}
	}
	sending = false;
}

window.addEventListener('message', (event) => {
	if (!(frame instanceof HTMLIFrameElement) || event.source !== frame.contentWindow) return;
	if (event.origin !== window.location.origin) return;
	const message = event.data;
	if (!message || typeof message !== 'object' || message.type !== 'stepvisor') return;
	if (message.event === 'resize' && typeof message.height === 'number') {
		frame.style.height = `${Math.min(Math.max(message.height, 200), 20000)}px`;
		return;
	}
	if (message.event === 'complete') pending.push({ event: 'complete', total: message.total });
	else if (message.event === 'answer')
		pending.push({ event: 'answer', question: message.question, correct: message.correct });
	else return;
	flush();
});
