import type { Question } from '$lib/components/selfcheck';

export const questions: Question[] = [
	{
		id: 'what-is-docker',
		prompt: 'What is Docker?',
		choices: [
			'A hypervisor that runs a small virtual machine for each application',
			'One set of tools for managing containers on many systems, built on namespaces, cgroups and union file systems',
			'A new kernel feature that replaced namespaces and cgroups',
			'A file system for storing virtual machine disks'
		],
		answer: 1,
		explanation:
			'Docker builds on technologies that existed before it: namespaces for isolation, cgroups for resource control, union file systems for layers, and images to package applications. It also develops the container runtime libraries used on Linux (runc, containerd).'
	},
	{
		id: 'builds-on',
		prompt: 'Which of these does Docker NOT build on?',
		choices: ['Namespaces', 'Control groups (cgroups)', 'Union file systems', 'Hardware virtualization of the CPU'],
		answer: 3,
		explanation:
			'A Docker container on Linux is a group of ordinary processes of the host kernel, isolated by namespaces, limited by cgroups and given a layered file system. No hypervisor is involved.'
	},
	{
		id: 'layer-per-instruction',
		prompt: 'A Dockerfile has FROM (a one-layer base image), two RUN, one COPY and one ENV instruction. How many layers does the image have?',
		choices: ['3', '4', '5', '6'],
		answer: 1,
		explanation:
			'The base image brings its layer, and each RUN and COPY adds one: 1 + 2 + 1 = 4. ENV only changes the image’s configuration.'
	},
	{
		id: 'rm-later',
		prompt: 'A Dockerfile downloads 100 MB of packages in one RUN and deletes them in the next RUN. How does the image size change at the second RUN?',
		choices: [
			'It shrinks by 100 MB',
			'It stays about the same: the new layer holds only whiteouts, and the files remain in the layer below',
			'It doubles',
			'The build fails: a later layer cannot delete files'
		],
		answer: 1,
		explanation:
			'Layers are read-only; a deletion in a later layer is a whiteout that hides the files without freeing them. Delete in the same RUN that creates the files to keep them out of the image.'
	},
	{
		id: 'fast-start',
		prompt: 'Why does a container start quickly even from a 1 GB image?',
		choices: [
			'Docker compresses the image',
			'The image layers are shared, and the container only gets a new empty writable layer on top: nothing is copied',
			'The image is loaded into memory in the background',
			'Containers do not need a file system'
		],
		answer: 1,
		explanation:
			'With a union file system and copy-on-write, starting a container means mounting the shared layers under an empty writable layer. Files are copied only when the container changes them.'
	},
	{
		id: 'cheap-updates',
		prompt: 'You change one line of your application’s code, copied by the last COPY of the Dockerfile. What must be rebuilt and shipped?',
		choices: [
			'The whole image, every layer',
			'Only the COPY layer and the layers above it; the base and package layers are reused',
			'Only the base image',
			'Nothing: containers pick up the change by themselves'
		],
		answer: 1,
		explanation:
			'A changed layer and those above it are rebuilt and shipped; the layers below are reused from the cache and are already on the servers. This is why layered images make updates cheap.'
	},
	{
		id: 'two-containers-write',
		prompt: 'Two containers run from the same image. One of them appends a line to /etc/passwd. What does the other see?',
		choices: [
			'The new line, since they share the image',
			'The original file: the change went into the first container’s own writable layer',
			'An error: the file is locked',
			'An empty file'
		],
		answer: 1,
		explanation:
			'The first write copies /etc/passwd up into the writing container’s own layer; the shared image layer is unchanged, so the other container still reads the original.'
	}
];
