import type { Question } from '$lib/components/selfcheck';

/*
 * Every wrong choice carries a comment naming the misconception it is built on.
 * Sources: Docker documentation (“Storage drivers”: image layers and the
 * container layer; “Build cache”: which layers a change rebuilds; “Dockerfile
 * reference”: RUN, COPY and ADD make layers, ENV changes the configuration),
 * Documentation/filesystems/overlayfs.rst.
 */
export const questions: Question[] = [
	{
		id: 'what-is-docker',
		card: 'docker',
		main: true,
		prompt: 'A colleague calls Docker “a kind of hypervisor”. What is a more exact description?',
		choices: [
			// Misconception: Docker runs each container in a small VM (on Linux it does not).
			'A hypervisor after all, but a light one: on Linux it starts a small VM, with its own kernel, for each container',
			// Misconception: Docker is a kernel feature that replaced namespaces and cgroups.
			'A kernel feature added to Linux in 2013, which replaced namespaces and cgroups with one container system call',
			'Tools that build layered images and start them as host processes, isolated by features the kernel already had',
			// Misconception: Docker is a disk-image format for VMs.
			'A file system for storing disk images, which other programs then boot as virtual machines or run as containers'
		],
		answer: 2,
		explanation:
			'Docker builds on what existed before it: namespaces for isolation, cgroups for resource control, union file systems for layers, and images to package applications, with one set of tools to build, ship and run them on many systems. With Docker Engine on Linux no hypervisor is involved (Docker Desktop is different: it runs the engine in a VM, even on Linux).'
	},
	{
		id: 'builds-on',
		card: 'docker',
		prompt: 'Which of these does a Docker container on Linux NOT use?',
		choices: [
			// A true building block; picking it means believing Docker isolates without namespaces.
			'Namespaces, which give the container’s processes their own PIDs, mount table, network and host name',
			// A true building block; picking it means believing Docker limits nothing.
			'Cgroups, which hold all of the container’s processes to limits of CPU time, memory and disk I/O',
			// A true building block; picking it means believing images are copied whole.
			'A union file system, which stacks the image’s read-only layers under one writable layer',
			'Hardware virtualization (VT-x), which would run the container’s processes on a guest kernel'
		],
		answer: 3,
		explanation:
			'A container that Docker Engine runs on Linux is a group of ordinary processes of the host kernel, isolated by namespaces, limited by cgroups and given a layered file system. No hypervisor and no guest kernel are involved.'
	},
	{
		id: 'layer-per-instruction',
		card: 'docker',
		prompt:
			'A Dockerfile has FROM (a one-layer base image), two RUN, one COPY and one ENV instruction. How many layers does the image have?',
		choices: ['3', '4', '5', '6'],
		answer: 1,
		explanation:
			'The base image brings its layer, and each RUN and COPY adds one: 1 + 2 + 1 = 4. ENV only changes the image’s configuration, as CMD and EXPOSE do.'
	},
	{
		id: 'rm-later',
		card: 'docker',
		prompt:
			'A Dockerfile downloads 100 MB of packages in one RUN and deletes them in the next RUN. How does the image size change at the second RUN?',
		choices: [
			// Misconception: a later layer can free what an earlier one holds.
			'It shrinks by 100 MB, since the second RUN removes the files from the image that is being built',
			'It stays about the same: the new layer holds only whiteouts, and the files stay in the layer below',
			// Misconception: deleting copies the files up first.
			'It doubles, since the second RUN first copies the 100 MB up into its own layer to delete them there',
			// Misconception: layers may not delete what earlier layers made.
			'The build fails, because a later layer may not delete files that an earlier layer created'
		],
		answer: 1,
		explanation:
			'Layers are read-only once made: the second RUN’s layer holds only whiteouts, which hide the files while they stay in the layer below, still taking space. Delete in the same RUN that downloads them to keep them out of every layer.'
	},
	{
		id: 'rebuild-after-change',
		card: 'docker',
		prompt:
			'A Dockerfile reads: FROM debian, then COPY app/ /app, then RUN apt-get install -y curl. You change a file in app/. Which instructions run again?',
		choices: [
			// Misconception: each layer is cached independently of the ones before it.
			'Only the COPY: each layer is cached on its own, so the RUN after it is reused just as it was',
			'The COPY and the RUN after it: the changed step’s layer and every later layer are built again',
			// Misconception: any change in the build context throws away the whole cache.
			'All of them, FROM included: a change to any file in the build context throws away the whole cache',
			// Misconception: COPY layers are never cached, so only RUN counts.
			'Only the RUN, since COPY layers are never cached, and so copying again does not count as a rebuild'
		],
		answer: 1,
		explanation:
			'Docker reuses a layer only while its instruction and every instruction before it are unchanged. The COPY instruction’s input changed, so its layer and all the layers after it are built again: the package install runs again, while the FROM layer is reused. Put rarely changed steps first (Docker’s “Build cache”).'
	},
	{
		id: 'cheap-updates',
		card: 'docker',
		prompt:
			'You change one line of your application’s code, which the last instruction of the Dockerfile, a COPY, puts in the image. What is rebuilt and shipped?',
		choices: [
			// Misconception: an image is shipped as one whole file.
			'The whole image, every layer, since an image is sent as one file and checked as a whole',
			// Misconception: the application lives in the base image.
			'Only the base image’s layer, since the application’s files are stored in the base layer',
			'Only the last COPY’s layer; the layers before it are reused and already on the servers',
			// Misconception: containers follow the build machine's files.
			'Nothing: running containers see the changed file on the build machine and pick it up'
		],
		answer: 2,
		explanation:
			'A changed instruction’s layer and every layer after it are rebuilt; here the COPY is the last instruction, so only its layer is new. A server that already holds the other layers pulls only that one, which is why layered images make updates cheap.'
	},
	{
		id: 'two-containers-write',
		card: 'docker',
		prompt:
			'Two containers run from the same image. One of them appends a line to /etc/passwd. What does the other see?',
		choices: [
			// Misconception: containers of one image share one writable file system.
			'The new line, since both containers read /etc/passwd from the one image layer that they share',
			'The original file: the change went into a copy in the first container’s own writable layer',
			// Misconception: shared files are locked while one container writes.
			'An error while the first container has the file open, since shared files are locked for writing',
			// Misconception: copy-up moves the file out of the shared layer.
			'An empty file, because the copy-up moved the file out of the shared layer into the first container’s'
		],
		answer: 1,
		explanation:
			'The change went into a copy of the file in the first container’s own writable layer, made when it opened the file for writing; the shared layer below is not touched, so the other container sees the original.'
	}
];
