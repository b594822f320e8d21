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
			// Nothing reaches the gradebook until the activity is finished (docs/lti.md).
			const result = response.ok ? await response.json().catch(() => ({})) : {};
			if (statusLine)
				statusLine.textContent = !response.ok
					? ''
					: result.queued
						? 'Progress saved; your score was sent to your course gradebook.'
						: 'Progress saved.';
		} catch {
			// The server is unreachable: keep the event and try again shortly.
			if (statusLine) statusLine.textContent = 'Could not reach Stepvisor; retrying…';
			await new Promise((resolve) => setTimeout(resolve, 3000));
		}
	}
	sending = false;
}

let reportedHeight = 0;

/**
 * Tells the LMS page around this one how tall the activity is, so that it sizes its frame
 * to it instead of showing a scrolling box. Canvas (and LMSs that copied it) read this
 * JSON string, the same form the embed sends its own host (src/lib/embed/messages.ts).
 */
function reportHeight() {
	if (window.parent === window) return;
	const height = Math.ceil(document.documentElement.scrollHeight);
	if (height === reportedHeight) return;
	reportedHeight = height;
	try {
		window.parent.postMessage(JSON.stringify({ subject: 'lti.frameResize', height }), '*');
	} catch {
		/* an LMS page that cannot receive messages keeps its own frame size */
	}
}

// The status line and notes around the activity change the height too.
new ResizeObserver(reportHeight).observe(document.body);

window.addEventListener('message', (event) => {
	if (!(frame instanceof HTMLIFrameElement) || event.source !== frame.contentWindow) return;
	if (event.origin !== window.location.origin) return;
	const message = event.data;
	if (!message || typeof message !== 'object' || message.type !== 'stepvisor') return;
	if (message.event === 'resize' && typeof message.height === 'number') {
		frame.style.height = `${Math.min(Math.max(message.height, 200), 20000)}px`;
		reportHeight();
		return;
	}
	if (message.event === 'complete') pending.push({ event: 'complete', total: message.total });
	else if (message.event === 'answer')
		pending.push({ event: 'answer', question: message.question, correct: message.correct });
	else return;
	flush();
});
