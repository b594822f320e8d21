/**
 * Frames of the Docker animation: a short Dockerfile built one instruction at
 * a time (each RUN, COPY or ADD adds one read-only layer; ENV and CMD only
 * change the image's metadata), then two containers started from the
 * image, each with its own writable layer, running a few commands. The
 * containers' file operations are simulated by the `unionfs` model; storage is
 * computed from the byte counts of the build's files. Pure: no DOM.
 */
import { UpperLayer, simulateUnionfs, type EntriesSpec } from '$lib/sim/unionfs';
import { mergedTree, type LayerSource } from '$lib/sim/unionfs/lookup';
import { outputOf, commandLine, type ShellOp } from '$lib/sim/unionfs/shell';
import { LowerLayer } from '$lib/sim/unionfs';

export interface BuildFile {
	path: string;
	/** Content (short: a stand-in for the real bytes). */
	content?: string;
	/** Size on disk of the real file, in bytes. */
	bytes?: number;
	whiteout?: true;
}

export interface Instruction {
	text: string;
	kind: 'FROM' | 'RUN' | 'COPY' | 'ENV' | 'CMD';
	/** What it changes in the file system (none for ENV and CMD). */
	files?: BuildFile[];
	/** One sentence: what the step does. */
	says: string;
}

export interface ContainerOp {
	container: 0 | 1;
	op: ShellOp;
}

export interface DockerStory {
	instructions: Instruction[];
	containers: [string, string];
	ops: ContainerOp[];
}

export interface ImageLayer {
	/** The instruction that made it, and its place in the Dockerfile. */
	instruction: number;
	text: string;
	files: BuildFile[];
	bytes: number;
	/** Made by this frame's step. */
	fresh: boolean;
}

export interface ContainerView {
	name: string;
	/** The writable layer's files (whiteouts and copies included), sorted. */
	files: { path: string; kind: 'file' | 'whiteout' | 'dir'; bytes: number; copiedUp: boolean }[];
	bytes: number;
	/** Bytes of the whole file system this container sees (what a full copy would cost). */
	visibleBytes: number;
	/** The command it ran at this step, and what it printed. */
	command: string | null;
	output: string[];
	error: boolean;
}

export interface DockerFrame {
	step: number;
	text: string;
	/** The Dockerfile line this step is about, or null once the containers run. */
	instruction: number | null;
	/** Image layers, top (newest) first. */
	layers: ImageLayer[];
	env: string[];
	cmd: string | null;
	containers: ContainerView[];
	/** The container acting at this step. */
	active: number | null;
	/**
	 * The image layer's file the acting container reads or copies up at this
	 * step (by the layer's instruction), or null.
	 */
	source: { instruction: number; path: string; use: 'read' | 'copy-up' } | null;
	storage: {
		image: number;
		/** Image once, plus each container's writable layer. */
		cow: number;
		/** Image once, plus a full copy of the file system for each container. */
		copy: number;
		containers: number;
	};
}

function layerBytes(files: readonly BuildFile[]): number {
	return files.reduce(
		(sum, file) => sum + (file.whiteout ? 0 : (file.bytes ?? file.content?.length ?? 0)),
		0
	);
}

function entriesOf(files: readonly BuildFile[]): EntriesSpec {
	const out: EntriesSpec = {};
	for (const file of files)
		out[file.path] = file.whiteout ? { type: 'whiteout' } : (file.content ?? '');
	return out;
}

const encoder = new TextEncoder();

/** Builds every frame of the story. */
export function dockerFrames(story: DockerStory): DockerFrame[] {
	const frames: DockerFrame[] = [];
	const layers: ImageLayer[] = [];
	const env: string[] = [];
	let cmd: string | null = null;
	/** Size of each path in the image (the topmost layer holding it). */
	const sizes = new Map<string, { bytes: number; content: string }>();

	const image = () => layers.reduce((sum, layer) => sum + layer.bytes, 0);

	story.instructions.forEach((instruction, index) => {
		for (const layer of layers) layer.fresh = false;
		if (instruction.files) {
			const files = instruction.files;
			layers.unshift({
				instruction: index,
				text: instruction.text,
				files,
				bytes: layerBytes(files),
				fresh: true
			});
		}
		if (instruction.kind === 'ENV') env.push(instruction.text.slice(4));
		if (instruction.kind === 'CMD') cmd = instruction.text.slice(4);
		const count = layers.length;
		frames.push({
			step: frames.length,
			text: `${instruction.says} The image now has ${count} ${count === 1 ? 'layer' : 'layers'}.`,
			instruction: index,
			layers: layers.map((layer) => ({ ...layer })),
			env: [...env],
			cmd,
			containers: [],
			active: null,
			source: null,
			storage: { image: image(), cow: image(), copy: image(), containers: 0 }
		});
	});
	for (const layer of layers) layer.fresh = false;
	for (const layer of [...layers].reverse()) {
		for (const file of layer.files) {
			if (!file.whiteout)
				sizes.set(file.path, {
					bytes: file.bytes ?? file.content?.length ?? 0,
					content: file.content ?? ''
				});
		}
	}

	// The image as the union's lower layers, top first.
	const lowerSpec = layers.map((layer) => ({
		name: layer.text.slice(0, 64),
		entries: entriesOf(layer.files)
	}));
	const lowers = lowerSpec.map((layer) => new LowerLayer(layer.name, layer.entries));
	const sizeOf = (path: string, content: string) => {
		const base = sizes.get(path);
		const extra = encoder.encode(content).length;
		if (!base) return extra;
		// A copied-up file keeps its size; what was appended is added to it.
		return content.startsWith(base.content)
			? base.bytes + (extra - encoder.encode(base.content).length)
			: extra;
	};

	// A container's ops only grow, so its first `n` ops are one trace, made once:
	// each frame draws every container, and an op's own frame reads its lookup.
	const traces = new Map<string, ReturnType<typeof simulateUnionfs>>();
	const run = (container: number, ops: ShellOp[]) => {
		const key = `${container}:${ops.length}`;
		let trace = traces.get(key);
		if (!trace) {
			trace = simulateUnionfs({
				model: 'unionfs',
				layers: lowerSpec,
				upper: { name: story.containers[container], entries: {} },
				ops
			});
			traces.set(key, trace);
		}
		return trace;
	};

	const viewOf = (container: number, ops: ShellOp[], acting: boolean): ContainerView => {
		const trace = run(container, ops);
		const upperJson = trace.final.upper?.entries ?? {};
		const upper = UpperLayer.fromSpec(story.containers[container], upperJson);
		const files: ContainerView['files'] = [];
		for (const [path, entry] of upper.entryList()) {
			if (entry.type === 'dir') continue;
			if (entry.type === 'whiteout')
				files.push({ path, kind: 'whiteout', bytes: 0, copiedUp: false });
			else
				files.push({
					path,
					kind: 'file',
					bytes: sizeOf(path, entry.content),
					copiedUp: sizes.has(path)
				});
		}
		const sources: LayerSource[] = [upper, ...lowers];
		const { rows } = mergedTree(sources, 100_000);
		let visibleBytes = 0;
		for (const row of rows) {
			if (row.type !== 'file') continue;
			visibleBytes +=
				row.layer === 0 ? sizeOf(row.path, row.content ?? '') : (sizes.get(row.path)?.bytes ?? 0);
		}
		const last = ops.length - 1;
		let command: string | null = null;
		let output: string[] = [];
		let error = false;
		if (acting && last >= 0) {
			command = commandLine(ops[last]);
			const printed = outputOf(ops[last], trace.results[last] as { ok: boolean });
			output = printed.lines;
			error = printed.error;
		}
		return {
			name: story.containers[container],
			files,
			bytes: files.reduce((sum, file) => sum + file.bytes, 0),
			visibleBytes,
			command,
			output,
			error
		};
	};

	const opsOf: ShellOp[][] = story.containers.map(() => []);
	/**
	 * The image layer the union model served op `index` of `container` from: the
	 * layer its lookup stopped at for a read, the one its copy-up came from for a
	 * change; null when the container's own layer served it or it made a new file.
	 */
	const servedFrom = (
		container: number,
		index: number
	): { layer: ImageLayer; use: 'read' | 'copy-up' } | null => {
		const trace = run(container, opsOf[container]);
		let read: string | null = null;
		for (const frame of trace.frames) {
			if (frame.op !== index) continue;
			if (frame.change?.kind === 'copy-up' && frame.change.from)
				return imageLayer(frame.change.from, 'copy-up');
			if (frame.probe?.outcome === 'hit') read = frame.probe.layerId;
		}
		return read && opsOf[container][index].op === 'read' ? imageLayer(read, 'read') : null;
	};
	/** The image layer of the model's id "lower-N" (N: its place in `layers`, top first). */
	const imageLayer = (id: string, use: 'read' | 'copy-up') => {
		const layer = id.startsWith('lower-') ? layers[Number(id.slice(6))] : undefined;
		return layer ? { layer, use } : null;
	};
	const push = (
		started: number,
		active: number | null,
		text: string,
		source: DockerFrame['source'] = null
	) => {
		const containers = story.containers
			.slice(0, started)
			.map((_, index) => viewOf(index, opsOf[index], index === active));
		const cow = image() + containers.reduce((sum, c) => sum + c.bytes, 0);
		const copy = image() + containers.reduce((sum, c) => sum + c.visibleBytes, 0);
		frames.push({
			step: frames.length,
			text,
			instruction: null,
			layers: layers.map((layer) => ({ ...layer })),
			env: [...env],
			cmd,
			containers,
			active,
			source,
			storage: { image: image(), cow, copy, containers: started }
		});
	};

	story.containers.forEach((name, index) => {
		push(
			index + 1,
			null,
			`docker run starts “${name}”: a new, empty writable layer on top of the ${layers.length} shared image layers and a mount; nothing is copied, so it starts at once.`
		);
	});
	for (const { container, op } of story.ops) {
		opsOf[container].push(op);
		const name = story.containers[container];
		const served = servedFrom(container, opsOf[container].length - 1);
		const copied = served?.use === 'copy-up';
		const from = served
			? `the image’s ${story.instructions[served.layer.instruction].kind} layer`
			: 'the image';
		const verb =
			op.op === 'read'
				? `“${name}” reads ${op.path} straight from ${from}: nothing is copied.`
				: copied
					? `“${name}” changes ${op.path}: the file is copied up from ${from} into its own writable layer first; the image and the other container still see the original.`
					: `“${name}” creates ${op.path} in its own writable layer; the other container does not see it.`;
		push(
			story.containers.length,
			container,
			verb,
			served ? { instruction: served.layer.instruction, path: op.path, use: served.use } : null
		);
	}
	return frames;
}
