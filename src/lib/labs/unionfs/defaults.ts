/**
 * The lesson's own scenario: an image of three read-only layers (a base
 * system, a Python layer, the application) under the container's writable
 * layer. The operations show a lookup served from the top, one that descends
 * to the bottom, a name hidden by a whiteout, a directory hidden by an opaque
 * directory, a copy-up, and a deletion that leaves a whiteout.
 */
import type { UnionfsInput } from './view';

export const DEFAULT_SCENARIO: UnionfsInput = {
	model: 'unionfs',
	title: 'A container on a three-layer image',
	layers: [
		{
			name: 'app',
			entries: {
				'/app/server.py': "print('serving')\n",
				'/etc/motd': 'Welcome to the app container\n',
				'/etc/issue': { type: 'whiteout' },
				'/var/cache/apt': { type: 'dir', opaque: true }
			}
		},
		{
			name: 'python',
			entries: {
				'/usr/bin/python3': '#!ELF python3.11\n',
				'/etc/motd': 'Python 3.11 image\n',
				'/var/cache/apt/python3.deb': 'deb package\n'
			}
		},
		{
			name: 'base',
			entries: {
				'/bin/sh': '#!ELF dash\n',
				'/etc/hostname': 'debian\n',
				'/etc/issue': 'Debian GNU/Linux 12\n',
				'/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
				'/var/cache/apt/base.deb': 'deb package\n'
			}
		}
	],
	upper: { name: 'container', entries: {} },
	ops: [
		{ op: 'read', path: '/etc/motd' },
		{ op: 'read', path: '/etc/hostname' },
		{ op: 'read', path: '/etc/issue' },
		{ op: 'list', path: '/var/cache/apt' },
		{ op: 'append', path: '/etc/passwd', content: 'me:x:1000:1000::/home/me:/bin/sh\n' },
		{ op: 'read', path: '/etc/passwd' },
		{ op: 'delete', path: '/etc/hostname' },
		{ op: 'list', path: '/etc' }
	]
};

/** localStorage key of the learner's draft. */
export const DRAFT_KEY = 'layers';
