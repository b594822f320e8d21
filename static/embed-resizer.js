/*
 * Stepvisor embed resizer, for course pages outside Canvas (Canvas resizes on its own).
 * Include once on the host page:
 *   <script src="https://YOUR-STEPVISOR-SITE/embed-resizer.js" defer></script>
 * Every Stepvisor iframe on the page then takes the height its content needs.
 * It only reads numbers from Stepvisor's "resize" messages, only from the site it
 * was loaded from, and only for the iframe that sent them; it never runs anything
 * it receives.
 */
(function () {
	'use strict';
	// The Stepvisor site is where this script came from: a frame of any other origin
	// (an advert, another tool) cannot resize itself, or anything, through it.
	var script = document.currentScript;
	var site = null;
	try {
		site = script && script.src ? new URL(script.src, location.href).origin : null;
	} catch {
		site = null;
	}
	window.addEventListener('message', function (event) {
		if (site !== null && event.origin !== site) return;
		var data = event.data;
		if (!data || typeof data !== 'object' || data.type !== 'stepvisor' || data.event !== 'resize') return;
		var height = Number(data.height);
		if (!isFinite(height) || height < 50 || height > 20000) return;
		var frames = document.getElementsByTagName('iframe');
		for (var i = 0; i < frames.length; i++) {
			if (frames[i].contentWindow === event.source) {
				frames[i].style.height = Math.ceil(height) + 'px';
				frames[i].setAttribute('height', String(Math.ceil(height)));
			}
		}
	});
})();
