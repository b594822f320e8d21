/** Hand-written `unionfs` scenarios that pin down one rule each; run on the model and on the kernel. */
import type { UnionfsScenario } from '../../src/lib/sim/unionfs';

type Case = { name: string; scenario: UnionfsScenario };

const base = { model: 'unionfs' as const };

export const CASES: Case[] = [
	{
		name: 'contract example',
		scenario: {
			...base,
			layers: [
				{
					name: 'app',
					entries: { '/app/main.py': "print('hi')", '/etc/hosts': { type: 'whiteout' } }
				},
				{
					name: 'base',
					entries: {
						'/etc/passwd': 'root:x:0:0',
						'/etc/hosts': '127.0.0.1',
						'/var/log': { type: 'dir' }
					}
				}
			],
			upper: { name: 'container', entries: {} },
			ops: [
				{ op: 'read', path: '/etc/passwd' },
				{ op: 'write', path: '/etc/passwd', content: 'root:x:0:0\nme:x:1000' },
				{ op: 'delete', path: '/etc/hosts' },
				{ op: 'list', path: '/etc' }
			]
		}
	},
	{
		name: 'every op and error with an upper layer',
		scenario: {
			...base,
			layers: [
				{ name: 'top', entries: { '/d/f': 'top f', '/d/w': { type: 'whiteout' }, '/file': 'F' } },
				{
					name: 'bottom',
					entries: { '/d/w': 'hidden', '/d/g': 'g', '/e/x': 'x', '/empty': { type: 'dir' } }
				}
			],
			upper: { name: 'upper', entries: {} },
			ops: [
				{ op: 'read', path: '/d/f' },
				{ op: 'read', path: '/d' },
				{ op: 'read', path: '/nope' },
				{ op: 'read', path: '/file/x' },
				{ op: 'read', path: '/d/w' },
				{ op: 'stat', path: '/d' },
				{ op: 'stat', path: '/d/g' },
				{ op: 'stat', path: '/nope' },
				{ op: 'stat', path: '/file/x' },
				{ op: 'list', path: '/' },
				{ op: 'list', path: '/d' },
				{ op: 'list', path: '/file' },
				{ op: 'list', path: '/nope' },
				{ op: 'write', path: '/nope/x', content: 'n' },
				{ op: 'write', path: '/d', content: 'n' },
				{ op: 'write', path: '/file/x', content: 'n' },
				{ op: 'write', path: '/d/g', content: '' },
				{ op: 'append', path: '/d/f', content: '+1' },
				{ op: 'append', path: '/d/new', content: 'new' },
				{ op: 'append', path: '/d', content: 'x' },
				{ op: 'delete', path: '/d' },
				{ op: 'delete', path: '/nope' },
				{ op: 'delete', path: '/file/x' },
				{ op: 'delete', path: '/d/new' },
				{ op: 'delete', path: '/d/g' },
				{ op: 'mkdir', path: '/d/f' },
				{ op: 'mkdir', path: '/nope/x' },
				{ op: 'mkdir', path: '/file/x' },
				{ op: 'mkdir', path: '/d/g' },
				{ op: 'rmdir', path: '/e' },
				{ op: 'rmdir', path: '/file' },
				{ op: 'rmdir', path: '/nope' },
				{ op: 'rmdir', path: '/file/x' },
				{ op: 'rmdir', path: '/empty' },
				{ op: 'rmdir', path: '/d/g' },
				{ op: 'list', path: '/d' }
			]
		}
	},
	{
		name: 'read-only union: error precedence',
		scenario: {
			...base,
			layers: [
				{ name: 'one', entries: { '/f': 'f', '/d/x': 'x', '/w': { type: 'whiteout' } } },
				{ name: 'two', entries: { '/w': 'w', '/g': 'g' } }
			],
			ops: [
				{ op: 'write', path: '/f', content: 'n' },
				{ op: 'write', path: '/new', content: 'n' },
				{ op: 'write', path: '/d', content: 'n' },
				{ op: 'append', path: '/d', content: 'n' },
				{ op: 'write', path: '/nope/x', content: 'n' },
				{ op: 'write', path: '/f/x', content: 'n' },
				{ op: 'delete', path: '/nope' },
				{ op: 'delete', path: '/d' },
				{ op: 'delete', path: '/f' },
				{ op: 'delete', path: '/nope/x' },
				{ op: 'delete', path: '/f/x' },
				{ op: 'rmdir', path: '/d' },
				{ op: 'rmdir', path: '/f' },
				{ op: 'rmdir', path: '/nope' },
				{ op: 'rmdir', path: '/nope/x' },
				{ op: 'mkdir', path: '/f' },
				{ op: 'mkdir', path: '/d' },
				{ op: 'mkdir', path: '/new' },
				{ op: 'mkdir', path: '/w' },
				{ op: 'mkdir', path: '/nope/x' },
				{ op: 'mkdir', path: '/f/x' },
				{ op: 'read', path: '/g' },
				{ op: 'stat', path: '/w' }
			]
		}
	},
	{
		name: 'read-only union with one lower layer',
		scenario: {
			...base,
			layers: [{ name: 'only', entries: { '/f': 'f', '/d/w': { type: 'whiteout' }, '/d/x': 'x' } }],
			ops: [
				{ op: 'list', path: '/d' },
				{ op: 'stat', path: '/d/w' },
				{ op: 'write', path: '/f', content: 'n' },
				{ op: 'mkdir', path: '/f' },
				{ op: 'rmdir', path: '/d' }
			]
		}
	},
	{
		name: 'rmdir of a directory whose lower children are all whited out',
		scenario: {
			...base,
			layers: [
				{ name: 'top', entries: { '/d/a': { type: 'whiteout' } } },
				{ name: 'bottom', entries: { '/d/a': 'a', '/d/b': 'b' } }
			],
			upper: { name: 'upper', entries: { '/d/b': { type: 'whiteout' } } },
			ops: [
				{ op: 'list', path: '/d' },
				{ op: 'rmdir', path: '/d' },
				{ op: 'stat', path: '/d' },
				{ op: 'mkdir', path: '/d' },
				{ op: 'list', path: '/d' }
			]
		}
	},
	{
		name: 'mkdir over an upper whiteout is opaque, over a lower whiteout is not',
		scenario: {
			...base,
			layers: [
				{ name: 'top', entries: { '/low': { type: 'whiteout' } } },
				{ name: 'bottom', entries: { '/up/x': 'x', '/low/y': 'y' } }
			],
			upper: { name: 'upper', entries: { '/up': { type: 'whiteout' } } },
			ops: [
				{ op: 'mkdir', path: '/up' },
				{ op: 'list', path: '/up' },
				{ op: 'mkdir', path: '/low' },
				{ op: 'list', path: '/low' },
				{ op: 'rmdir', path: '/low' },
				{ op: 'rmdir', path: '/up' }
			]
		}
	},
	{
		name: 'whiteouts: which removals leave one',
		scenario: {
			...base,
			layers: [
				{
					name: 'top',
					entries: { '/o': { type: 'dir', opaque: true }, '/o/k': 'k', '/w': { type: 'whiteout' } }
				},
				{ name: 'bottom', entries: { '/o/hidden': 'h', '/w': 'w', '/keep': 'k' } }
			],
			upper: {
				name: 'upper',
				entries: {
					'/only': 'u',
					'/w': 'over whiteout',
					'/op': { type: 'dir', opaque: true },
					'/op/z': 'z'
				}
			},
			ops: [
				{ op: 'delete', path: '/only' },
				{ op: 'delete', path: '/w' },
				{ op: 'delete', path: '/op/z' },
				{ op: 'write', path: '/o/new', content: 'n' },
				{ op: 'delete', path: '/o/new' },
				{ op: 'delete', path: '/o/k' },
				{ op: 'write', path: '/keep', content: 'c' },
				{ op: 'delete', path: '/keep' }
			]
		}
	},
	{
		name: 'a non-directory stops the merge; opaque directories hide below',
		scenario: {
			...base,
			layers: [
				{ name: 'a', entries: { '/d/one': '1' } },
				{ name: 'b', entries: { '/d': 'a file' } },
				{ name: 'c', entries: { '/d/two': '2', '/o/x': 'x' } },
				{ name: 'd', entries: { '/o': { type: 'dir', opaque: true }, '/o/y': 'y' } }
			],
			upper: { name: 'upper', entries: { '/o/z': 'z' } },
			ops: [
				{ op: 'list', path: '/d' },
				{ op: 'read', path: '/d/two' },
				{ op: 'list', path: '/o' },
				{ op: 'rmdir', path: '/d' },
				{ op: 'write', path: '/d/one', content: 'changed' },
				{ op: 'list', path: '/d' }
			]
		}
	},
	{
		name: 'a directory held by one layer lists its whiteouts',
		scenario: {
			...base,
			layers: [
				{
					name: 'top',
					entries: {
						'/solo/w': { type: 'whiteout' },
						'/solo/f': 'f',
						'/both/w': { type: 'whiteout' }
					}
				},
				{ name: 'bottom', entries: { '/both/g': 'g' } }
			],
			upper: { name: 'upper', entries: { '/fresh/w': { type: 'whiteout' } } },
			ops: [
				{ op: 'list', path: '/solo' },
				{ op: 'stat', path: '/solo/w' },
				{ op: 'list', path: '/both' },
				{ op: 'list', path: '/fresh' },
				{ op: 'write', path: '/solo/f', content: 'copied' },
				{ op: 'list', path: '/solo' },
				{ op: 'write', path: '/fresh/w', content: 'new' },
				{ op: 'rmdir', path: '/solo' }
			]
		}
	},
	{
		name: 'rmdir of a directory held by one layer, holding only whiteouts',
		scenario: {
			...base,
			layers: [
				{
					name: 'top',
					entries: { '/solo/w': { type: 'whiteout' }, '/solo/v': { type: 'whiteout' } }
				},
				{ name: 'bottom', entries: { '/x': 'x' } }
			],
			upper: { name: 'upper', entries: { '/fresh/w': { type: 'whiteout' } } },
			ops: [
				{ op: 'list', path: '/solo' },
				{ op: 'rmdir', path: '/solo' },
				{ op: 'rmdir', path: '/fresh' },
				{ op: 'list', path: '/' }
			]
		}
	},
	{
		name: 'the mount root',
		scenario: {
			...base,
			layers: [{ name: 'l', entries: { '/f': 'f' } }],
			upper: { name: 'u', entries: {} },
			ops: [
				{ op: 'read', path: '/' },
				{ op: 'stat', path: '/' },
				{ op: 'list', path: '/' },
				{ op: 'write', path: '/', content: 'x' },
				{ op: 'append', path: '/', content: 'x' },
				{ op: 'delete', path: '/' },
				{ op: 'mkdir', path: '/' },
				{ op: 'rmdir', path: '/' }
			]
		}
	}
];
