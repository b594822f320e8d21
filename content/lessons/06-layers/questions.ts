import type { Question } from '$lib/components/selfcheck';

/** The lesson's fixed questions; two more are generated from the learner's own layers. */
export const questions: Question[] = [
	{
		id: 'path-resolution',
		prompt: 'How does path name resolution work in a union file system such as UnionFS?',
		choices: [
			'It reads the path in every layer and returns the newest version of the file',
			'It looks in the top layer first; if the path is there it returns it, otherwise it tries the next layer down, and so on',
			'It looks in the bottom layer first and lets higher layers patch what it finds',
			'It keeps one merged copy of every file, rebuilt whenever a layer changes'
		],
		answer: 1,
		explanation:
			'The layers are searched from the top down, and the first layer that has the path serves it; the copies below are never read. Directories held by several layers are merged.'
	},
	{
		id: 'whiteout',
		prompt:
			'A lower layer holds /etc/issue. How can a layer above it make /etc/issue disappear without changing the lower layer?',
		choices: [
			'By holding a whiteout for /etc/issue: the lookup stops there and reports that the name does not exist',
			'By holding an empty file called /etc/issue',
			'It cannot: a lower layer’s files are always visible',
			'By deleting the file from the lower layer'
		],
		answer: 0,
		explanation:
			'A whiteout (in OverlayFS, a 0/0 character device) hides one name in every layer below; an empty file would still be a file. Lower layers are read-only and shared, so they are never changed.'
	},
	{
		id: 'opaque',
		prompt: 'What does an opaque directory in a layer do?',
		choices: [
			'It hides its own contents from the container',
			'It is used, but no directory of the same name in a lower layer is merged into it',
			'It makes the whole union read-only',
			'It forces every file in it to be copied up'
		],
		answer: 1,
		explanation:
			'The lookup stops merging at an opaque directory: the container sees only what that directory and the layers above hold there. This is how a directory removed and made again stays empty.'
	},
	{
		id: 'cow-principle',
		prompt: 'What is the principle underlying copy-on-write file systems for containers?',
		choices: [
			'Copy the whole file system for each container when it starts, so containers cannot interfere',
			'Change the shared file system directly, and undo the changes when the container stops',
			'Change nothing underneath until the container modifies a file; only then copy that file into the container’s own layer',
			'Write every change twice, once in each layer'
		],
		answer: 2,
		explanation:
			'Nothing is copied until the container modifies something, and then only what it modifies (OverlayFS copies the whole file up before the first change). This makes start-up fast and saves storage, since a container mostly reads.'
	},
	{
		id: 'copy-up-lower',
		prompt:
			'The container appends a line to /etc/passwd, which only a read-only lower layer holds. What happens to that lower layer’s /etc/passwd?',
		choices: [
			'Nothing: the file is copied up to the writable layer and changed there; the upper copy now hides it',
			'The line is appended to it in place',
			'It is deleted and replaced by a whiteout',
			'The write fails with Read-only file system'
		],
		answer: 0,
		explanation:
			'Lower layers are never changed. The first write copies the whole file (and any missing parent directories) up into the writable layer; the change goes to the copy. Only a union with no writable layer at all fails with EROFS.'
	},
	{
		id: 'rm-lower',
		prompt: 'The container runs rm on a file that a read-only lower layer holds. What ends up in the writable layer?',
		choices: ['Nothing', 'A copy of the file', 'A whiteout for that name', 'An opaque directory'],
		answer: 2,
		explanation:
			'The lower file cannot be removed, so OverlayFS puts a whiteout in the writable layer; from then on the lookup stops there and the name does not exist for the container.'
	},
	{
		id: 'why-cow',
		prompt: 'Why does copy-on-write make containers start fast?',
		choices: [
			'Because the kernel caches every container’s files in memory',
			'Because starting a container needs only an empty writable layer and a mount: the image’s files are shared, not copied',
			'Because containers are started from a compressed copy of the file system',
			'Because the container’s files are copied in the background after it starts'
		],
		answer: 1,
		explanation:
			'Earlier tools copied the parent’s whole file system for each container. With a union file system, the read-only layers are shared, so a new container starts with an empty layer of its own.'
	}
];
