export {};
// LTI client-side postMessage storage (lti.put_data / lti.get_data): keeps the launch
// state in the LMS's own frame when the browser blocks Stepvisor's cookie there.
const dataElement = document.getElementById('storage-data');
const data = dataElement ? JSON.parse(dataElement.textContent || '{}') : {};

/** The frame the LMS named in lti_storage_target ("_parent" or a frame of the parent). */
function storageFrame() {
	try {
		if (data.target === '_parent') return window.parent;
		return window.parent.frames[data.target] || null;
	} catch {
		return null;
	}
}

/**
 * @param {string} subject
 * @param {Record<string, string>} fields
 * @returns {Promise<Record<string, unknown> | null>}
 */
function ask(subject, fields) {
	return new Promise((resolve) => {
		const frame = storageFrame();
		if (!frame || frame === window) return resolve(null);
		const messageId = crypto.randomUUID();
		const timer = setTimeout(() => finish(null), 2000);
		/** @param {Record<string, unknown> | null} value */
		function finish(value) {
			clearTimeout(timer);
			window.removeEventListener('message', listen);
			resolve(value);
		}
		/** @param {MessageEvent} event */
		function listen(event) {
			const reply = event.data;
			if (event.origin !== data.origin || !reply || typeof reply !== 'object') return;
			if (reply.subject !== `${subject}.response` || reply.message_id !== messageId) return;
			finish(reply.error ? null : reply);
		}
		window.addEventListener('message', listen);
		frame.postMessage({ subject, message_id: messageId, ...fields }, data.origin);
	});
}

async function run() {
	if (data.mode === 'put') {
		await ask('lti.put_data', { key: data.key, value: data.value });
		window.location.replace(data.next);
		return;
	}
	// mode "get": fetch the state back and post the launch again with it.
	const reply = await ask('lti.get_data', { key: data.key });
	const form = document.getElementById('storage-form');
	if (!(form instanceof HTMLFormElement)) return;
	/** @type {Record<string, string>} */
	const fields = { ...data.fields, lti_storage_tried: '1' };
	if (reply && typeof reply.value === 'string') fields.lti_storage_value = reply.value;
	for (const [name, value] of Object.entries(fields)) {
		const input = document.createElement('input');
		input.type = 'hidden';
		input.name = name;
		input.value = value;
		form.append(input);
	}
	form.submit();
}

run();
