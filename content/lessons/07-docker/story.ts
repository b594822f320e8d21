/** The Dockerfile and containers the Docker animation builds (frames: $lib/sim/docker). */
import type { DockerStory } from '$lib/sim/docker/frames';

export const STORY: DockerStory = {
	instructions: [
		{
			text: 'FROM debian:bookworm-slim',
			kind: 'FROM',
			says: 'FROM starts from a base image: its layer (a minimal Debian) is downloaded once and used as it is.',
			files: [
				{ path: '/bin/sh', content: '#!ELF dash', bytes: 125_000 },
				{ path: '/bin/bash', content: '#!ELF bash', bytes: 1_265_000 },
				{ path: '/etc/passwd', content: 'root:x:0:0:root:/root:/bin/bash\n', bytes: 922 },
				{ path: '/etc/os-release', content: 'PRETTY_NAME="Debian GNU/Linux 12"\n', bytes: 267 },
				{ path: '/usr/lib/x86_64-linux-gnu/libc.so.6', content: '#!ELF libc', bytes: 1_922_000 },
				{ path: '/usr/share/base-files', content: 'docs', bytes: 70_488_000 }
			]
		},
		{
			text: 'RUN apt-get update && apt-get install -y python3',
			kind: 'RUN',
			says: 'RUN runs a command in a temporary container; the files it changes become a new layer: here Python and the package lists apt downloaded.',
			files: [
				{ path: '/usr/bin/python3.11', content: '#!ELF python3.11', bytes: 6_831_000 },
				{ path: '/usr/lib/python3.11/stdlib', content: 'modules', bytes: 21_360_000 },
				{
					path: '/var/lib/apt/lists/debian_bookworm_main',
					content: 'Package: …',
					bytes: 18_700_000
				},
				{ path: '/etc/ld.so.cache', content: 'cache', bytes: 9_000 }
			]
		},
		{
			text: 'RUN rm -rf /var/lib/apt/lists/*',
			kind: 'RUN',
			says: 'This line is here to show a mistake: deleting in a later RUN adds a layer holding a whiteout, so the package lists disappear from view but still take their space in the layer below (the fix is to delete them in the RUN that downloaded them).',
			files: [{ path: '/var/lib/apt/lists/debian_bookworm_main', whiteout: true }]
		},
		{
			text: 'COPY app/ /srv/app/',
			kind: 'COPY',
			says: 'COPY adds the application’s files from the build context as one more layer, the last one, because it changes most often.',
			files: [
				{ path: '/srv/app/main.py', content: "print('hello from the app')\n", bytes: 2_400 },
				{ path: '/srv/app/requirements.txt', content: 'flask==3.0\n', bytes: 11 }
			]
		},
		{
			text: 'ENV PORT=8080',
			kind: 'ENV',
			says: 'ENV only records an environment variable in the image’s configuration: no files change, so no layer is added.'
		},
		{
			text: 'CMD ["python3", "/srv/app/main.py"]',
			kind: 'CMD',
			says: 'CMD records the command a container runs by default: metadata again, no layer.'
		}
	],
	containers: ['web-1', 'web-2'],
	ops: [
		{
			container: 0,
			op: {
				op: 'append',
				path: '/etc/passwd',
				content: 'app:x:1000:1000::/srv/app:/bin/sh\n',
				'x-shell': "echo 'app:x:1000:1000::/srv/app:/bin/sh' >> /etc/passwd"
			}
		},
		{ container: 1, op: { op: 'read', path: '/srv/app/main.py' } },
		{
			container: 1,
			op: {
				op: 'write',
				path: '/srv/app/config.ini',
				content: 'debug = 1\n',
				'x-shell': "echo 'debug = 1' > /srv/app/config.ini"
			}
		}
	]
};
