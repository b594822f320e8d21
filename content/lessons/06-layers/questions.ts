import type { Question } from '$lib/components/selfcheck';

/*
 * The lesson's fixed questions; two more are generated from the learner's own layers.
 * Every wrong choice carries a comment naming the misconception it is built on.
 * Source: Documentation/filesystems/overlayfs.rst (lookup, whiteouts, opaque
 * directories, copy-up, metacopy).
 */
export const questions: Question[] = [
	{
		id: 'path-resolution',
		card: 'unionfs-lookup',
		main: true,
		prompt:
			'Three layers hold /etc/motd: the top one says “A”, the middle “B”, the bottom “C”. What does cat /etc/motd print?',
		choices: [
			// Misconception: the bottom layer is authoritative and upper layers only add files.
			'“C”: the bottom layer is the base image, and the layers above it can only add files it does not have',
			// Misconception: a union merges the contents of files, not just of directories.
			'“A B C”, one after another: a union file system joins the contents of every copy the layers hold',
			'“A”: the lookup starts at the top layer, finds the file there and never reads the copies below it',
			// Misconception: the newest copy wins by timestamp.
			'Whichever copy was written last, because the union compares the times of the copies in each layer'
		],
		answer: 2,
		explanation:
			'A lookup asks the layers from the top down, and the first layer that has the name serves it; the copies below are hidden and never read. Only directories held by several layers are merged (overlayfs.rst).'
	},
	{
		id: 'whiteout',
		card: 'unionfs-lookup',
		prompt:
			'A lower layer holds /etc/issue. How can a layer above it make /etc/issue disappear without changing the lower layer?',
		choices: [
			// Misconception: an empty file hides a name (it would show as an empty file).
			'By holding an empty file named /etc/issue, which stands in front of the lower file and hides its content',
			// Misconception: lower files can never be hidden.
			'It cannot: a file that a lower layer holds stays visible, whatever the layers above it hold',
			// Misconception: a writable upper layer may change the layers below it.
			'By deleting /etc/issue from the lower layer, which is allowed because the upper layer is writable',
			'By holding a whiteout under that name, which stops the lookup there so that the name does not exist'
		],
		answer: 3,
		explanation:
			'In OverlayFS a whiteout is a character device with device number 0/0, or a zero-size file with the xattr trusted.overlay.whiteout; the lookup stops at it and reports that the name does not exist. An empty file would still be a file. Lower layers are never changed (overlayfs.rst).'
	},
	{
		id: 'opaque',
		card: 'unionfs-lookup',
		prompt: 'What does an opaque directory in a layer do?',
		choices: [
			// Misconception: opaque means its own contents are hidden.
			'It hides its own contents from the container, so the directory looks empty',
			'It shows what it holds itself, but the same directory in lower layers is not merged in',
			// Misconception: opaque means read-only.
			'It makes the union read-only from that directory down, so that nothing under it can change',
			// Misconception: opaque forces copy-up.
			'It makes every file under it be copied up into the writable layer when the union is mounted'
		],
		answer: 1,
		explanation:
			'A directory marked opaque (the xattr trusted.overlay.opaque set to “y”) stops the merging: what it holds itself is shown, but the same directory in lower layers is not merged into it. That is how a directory that was removed and made again shows none of its old entries (overlayfs.rst).'
	},
	{
		id: 'cow-principle',
		card: 'copy-on-write',
		main: true,
		prompt: 'What is the principle behind copy-on-write file systems for containers?',
		choices: [
			// Misconception: each container gets a full copy at start.
			'Each container gets a full copy of the file system when it starts, so that no two can interfere',
			// Misconception: changes go to the shared files and are undone later.
			'The container changes the shared files in place, and its changes are undone when it stops',
			'Nothing below changes: a file is copied into the container’s own layer when first modified',
			// Misconception: every layer is kept identical.
			'Each change is written to every layer at once, so that all of the layers stay the same'
		],
		answer: 2,
		explanation:
			'Nothing is copied until the container modifies something, and then only what it modifies (OverlayFS copies the whole file up before the change). Containers mostly read, so start-up is fast and storage is saved; the shared lower layers never change.'
	},
	{
		id: 'copy-up-lower',
		card: 'copy-on-write',
		prompt:
			'The container appends a line to /etc/passwd, which only a read-only lower layer holds. What happens to that lower layer’s /etc/passwd?',
		choices: [
			// Misconception: appends go to the lower file in place.
			'The line is appended to it in place, since only this container sees that layer anyway',
			// Misconception: a change is a delete plus a new file.
			'It is replaced by a whiteout, and a new /etc/passwd with the line is made in the writable layer',
			// Misconception: a read-only lower layer makes the write fail.
			'Nothing, because the write fails with EROFS: a file in a read-only layer cannot be changed at all',
			'Nothing: opening it for writing copies it up, and the line goes into the copy, which hides it'
		],
		answer: 3,
		explanation:
			'Lower layers are never changed. Opening the file for writing copies it whole (and any missing parent directories) up into the writable layer, and the change goes to the copy (overlayfs.rst). Only a union with no writable layer at all fails with EROFS.'
	},
	{
		id: 'chmod-lower',
		card: 'copy-on-write',
		prompt:
			'With default mount options, the container runs chmod 600 on a file that only a read-only lower layer holds. What happens?',
		choices: [
			'The file is copied up; its copy in the writable layer gets mode 600, the lower one keeps its own',
			// Misconception: copy-up happens only when data is written.
			'Nothing is copied, because copy-up happens only when a file’s data is written, never for its mode',
			// Misconception: metadata is not part of the read-only layer.
			'The lower file’s mode changes, since a mode is metadata, kept apart from the file’s read-only data',
			// Misconception: only files already in the upper layer can change.
			'chmod fails with EROFS, since only files already in the writable layer can have their mode changed'
		],
		answer: 0,
		explanation:
			'OverlayFS copies the file up before it is modified in any way, its data or, as here, its mode; the copy gets mode 600, and the lower file keeps its own (overlayfs.rst). Only with the metacopy=on option does such a copy-up copy no data.'
	},
	{
		id: 'rm-lower',
		card: 'copy-on-write',
		prompt:
			'The container runs rm on a file that a read-only lower layer holds. What ends up in the writable layer?',
		choices: [
			'A whiteout under that name, so that later lookups stop there and the name no longer exists',
			// Misconception: rm removes the lower file itself.
			'Nothing: rm removes the file from the lower layer, which the container is allowed to change',
			// Misconception: deletions keep a restorable copy.
			'A copy of the file marked as deleted, which the layer keeps so that the file can be restored',
			// Misconception: removing one file makes its directory opaque.
			'An opaque copy of the file’s directory, which hides the whole lower directory from then on'
		],
		answer: 0,
		explanation:
			'The lower file cannot be removed, so OverlayFS puts a whiteout in the writable layer; from then on the lookup stops there and the name does not exist for the container. Opaque directories are used when a directory is removed and made again.'
	},
	{
		id: 'why-cow',
		card: 'copy-on-write',
		prompt: 'Why does copy-on-write make containers start fast?',
		choices: [
			// Misconception: start-up is fast because of caching.
			'The kernel keeps every container’s files in memory, so a new container never has to read the disk',
			'Starting needs only an empty writable layer and a mount: the image’s files are shared, not copied',
			// Misconception: the image is a compressed copy.
			'Each container starts from a compressed copy of the image, which unpacks faster than it would copy',
			// Misconception: copying happens in the background.
			'The image’s files are copied in the background after the start, so the start does not wait for them'
		],
		answer: 1,
		explanation:
			'Earlier tools copied a whole file system for each container. With a union file system the read-only layers are shared, so a new container starts with an empty layer of its own, and files are copied only when it modifies them.'
	}
];
