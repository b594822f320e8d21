// The demo host's side of the Stepvisor embed API (docs/embed-api.md).
(function () {
	'use strict';
	var log = document.getElementById('log');
	var first = document.getElementById('first');
	var second = document.getElementById('second');
	window.__events = [];
	window.addEventListener('message', function (event) {
		var data = event.data;
		if (!data || typeof data !== 'object' || data.type !== 'stepvisor') return;
		var from = event.source === first.contentWindow ? 'first' : event.source === second.contentWindow ? 'second' : 'other';
		window.__events.push({ from: from, data: data });
		var line = document.createElement('div');
		line.textContent = from + ': ' + JSON.stringify(data);
		log.appendChild(line);
		log.scrollTop = log.scrollHeight;
	});
	function send(frame, message) {
		message.type = 'stepvisor';
		frame.contentWindow.postMessage(message, '*');
	}
	document.getElementById('back').onclick = function () { send(first, { command: 'goto', step: 0 }); };
	document.getElementById('three').onclick = function () { send(first, { command: 'goto', step: 3 }); };
	document.getElementById('play').onclick = function () { send(first, { command: 'play' }); };
	document.getElementById('pause').onclick = function () { send(first, { command: 'pause' }); };
	document.getElementById('scenario').onclick = function () {
		send(second, {
			command: 'setScenario',
			scenario: [
				{ model: 'syscall', title: 'Xen PV', platform: 'vm-paravirt', syscalls: ['write'] },
				{ model: 'syscall', title: 'Native', platform: 'native', syscalls: ['write'] }
			]
		});
	};
})();
