/**
 * In a lesson framed by an LMS (`/framed/lessons/<slug>`): tells the host page the
 * lesson's height whenever it changes, as Canvas's `lti.frameResize` message (a
 * JSON string), which Canvas and other LMSs use to size a tool's frame to its
 * content. Without it the lesson scrolls inside a frame of the LMS's fixed height.
 * A host that does not listen ignores it. Returns what stops it.
 */
export function reportFrameHeight(): () => void {
	if (window.parent === window || typeof ResizeObserver === 'undefined') return () => {};
	let last = 0;
	const observer = new ResizeObserver(() => {
		const height = Math.ceil(document.documentElement.scrollHeight);
		if (height === last) return;
		last = height;
		try {
			window.parent.postMessage(JSON.stringify({ subject: 'lti.frameResize', height }), '*');
		} catch {
			/* a host that cannot receive messages is not ours to fix */
		}
	});
	observer.observe(document.body);
	return () => observer.disconnect();
}
