/**
 * Pure geometry for the union picture: one frame of the `unionfs` model in,
 * stacked bands (one per layer, top first) holding entry chips and a probe
 * marker out. Components only draw this. The lookup is the model's own
 * ($lib/sim/unionfs/lookup).
 *
 * Each band lists the entries its layer holds, sorted by path, in a grid of
 * chips that wraps to the width. A plain directory is drawn only when the
 * layer holds nothing inside it (otherwise its entries imply it). Only what
 * fits is drawn: at most `chipCap` chips per band (the path in focus always
 * among them, the rest summed up in a "+N more" chip) and at most `bandCap`
 * bands (the rest summed up in one band). So drawing costs O(drawn chips)
 * whatever the size of the scenario, once each lower layer's list is built.
 */
import type { Entry, LayerView, Probe, Change, UpperLayer, LowerLayer } from '$lib/sim/unionfs';
import type { EntriesSpec, MergedView } from '$lib/sim/unionfs';
import { resolve, type LayerSource } from '$lib/sim/unionfs/lookup';

// ------------------------------------------------------------------ metrics

export const GUTTER = 54;
export const GUTTER_NARROW = 38;
export const BAND_HEADER = 28;
export const CHIP_HEIGHT = 44;
export const CHIP_GAP = 6;
export const BAND_PAD = 8;
export const BAND_GAP = 8;
export const CHIP_MIN = 130;
export const CHIP_MAX = 210;
/** Chips drawn per band before the rest is summed up. */
export const DEFAULT_CHIP_CAP = 24;
/** Bands drawn before the rest is summed up. */
export const DEFAULT_BAND_CAP = 10;
/** Advance of one character of the chip's monospace text (13 px). */
export const CHAR = 7.9;
export const DETAIL_CHAR = 7;

// ------------------------------------------------------------------ entries

export type ChipKind = 'file' | 'dir' | 'opaque' | 'whiteout';

export interface BandEntry {
	path: string;
	kind: ChipKind;
	content?: string;
}

function kindOf(entry: Entry): ChipKind {
	if (entry.type === 'file') return 'file';
	if (entry.type === 'whiteout') return 'whiteout';
	return entry.opaque ? 'opaque' : 'dir';
}

function parentOf(path: string): string {
	const cut = path.lastIndexOf('/');
	return cut <= 0 ? '/' : path.slice(0, cut);
}

/** The entries a band shows, sorted by path: implied parent directories are left out. */
function drawable(list: [string, Entry][]): BandEntry[] {
	const parents = new Set<string>();
	for (const [path] of list) parents.add(parentOf(path));
	const out: BandEntry[] = [];
	for (const [path, entry] of list) {
		if (entry.type === 'dir' && !entry.opaque && parents.has(path)) continue;
		out.push(
			entry.type === 'file'
				? { path, kind: 'file', content: entry.content }
				: { path, kind: kindOf(entry) }
		);
	}
	return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const lowerCache = new WeakMap<object, BandEntry[]>();

/**
 * A lower layer's band entries, from its LowerLayer (implied directories included
 * there). Lower layers never change, so each is sorted once.
 */
export function lowerEntries(layer: Pick<LowerLayer, 'entries'>): BandEntry[] {
	let entries = lowerCache.get(layer);
	if (!entries) {
		entries = drawable([...layer.entries.entries()]);
		lowerCache.set(layer, entries);
	}
	return entries;
}

/** The upper layer's band entries at one frame. */
export function upperEntries(upper: Pick<UpperLayer, 'entryList'> | null): BandEntry[] {
	return upper ? drawable(upper.entryList()) : [];
}

/** Number of explicit entries in a layer spec (keys starting with "x-" are notes). */
export function specSize(entries: EntriesSpec): number {
	let n = 0;
	for (const key in entries) if (!key.startsWith('x-')) n++;
	return n;
}

// ------------------------------------------------------------------ lookup

/** Whether the entry `layer` holds at `path` is part of what the container sees. */
export function isUsed(sources: readonly LayerSource[], layer: number, path: string): boolean {
	const found = resolve(sources, path);
	if (!found) return false;
	return found.type === 'file' ? found.layer === layer : found.stack.includes(layer);
}

/** One frame's line about its path, as the merged view shows it (MergedPanel's `room`). */
export interface PathLine {
	merged: MergedView;
	pending: boolean;
	layers: readonly LayerView[];
}

/**
 * Whether a frame is an operation's first, which names the path before the
 * lookup walks the layers. The merged view already holds the answer then (it is
 * what the container would see), and showing it would give away what the next
 * steps find.
 */
export function lookupPending(frame: {
	action: unknown;
	probe: unknown;
	change: unknown;
	result: unknown;
}): boolean {
	return (
		frame.action !== null && frame.probe === null && frame.change === null && frame.result === null
	);
}

// ------------------------------------------------------------------ geometry

export interface ChipGeom {
	key: string;
	path: string;
	kind: ChipKind | 'more';
	x: number;
	y: number;
	w: number;
	h: number;
	/** First line: the path, shortened to fit (the full path is in `label`). */
	title: string;
	/** Second line: what it is (content preview, "whiteout", "hidden from above", …). */
	detail: string;
	/** Accessible description. */
	label: string;
	focus: boolean;
	/** Hidden from the container by a layer above (or not merged). */
	shadowed: boolean;
	/** Where the chip comes from when it enters (copy-up from a lower band), relative to its place. */
	from: { dx: number; dy: number } | null;
	/** Changed in the upper layer by this frame. */
	changed: boolean;
}

export interface BandGeom {
	key: string;
	/** Index in the frame's layers (top first), or -1 for the summary band. */
	index: number;
	y: number;
	h: number;
	name: string;
	/** The name as the header draws it: a long one shortened with an ellipsis. */
	shownName: string;
	tag: string;
	/** Whether the header has room to show the tag (a screen reader hears it anyway). */
	tagShown: boolean;
	upper: boolean;
	/** A lower layer's colour, 1 to 6 (--band-N); null for the upper layer and a summary band. */
	tone: number | null;
	chips: ChipGeom[];
	/** Entries the layer holds (explicit ones), drawn or not. */
	count: number;
	/** Probe state of this band. */
	state: 'idle' | 'passed' | 'probe' | 'below-stop';
}

export interface ProbeGeom {
	band: number;
	y: number;
	outcome: Probe['outcome'];
	/** A one-word label and whether the walk stops at this band. */
	label: string;
	stops: boolean;
	path: string;
	/** Top of the probe's path (the top band) and the bands passed over. */
	fromY: number;
}

export interface UnionLayout {
	width: number;
	height: number;
	gutter: number;
	bands: BandGeom[];
	probe: ProbeGeom | null;
	chipWidth: number;
	columns: number;
	focus: string | null;
}

export interface LayoutInput {
	layers: readonly LayerView[];
	/** Band entries of each layer, indexed like `layers`. */
	entries: readonly (readonly BandEntry[])[];
	probe: Probe | null;
	change: Change | null;
	focus: string | null;
	/** The layers as the lookup reads them (for shadowing), indexed like `layers`. */
	sources?: readonly LayerSource[];
}

export interface LayoutOptions {
	chipCap?: number;
	bandCap?: number;
}

/**
 * A lower layer's colour, from its place counted up from the bottom layer (0).
 * Layers are added on top of the others (LayerEditor), and an image's layers are
 * built from its base up: counted from the top, adding one recoloured every layer
 * below it, and a learner following "the green app layer" lost it. Neighbours
 * differ by one, so two adjacent bands never share a colour. Counted down from 4,
 * so that the lesson's image (three lower layers) keeps the colours it had.
 */
export function layerTone(fromBottom: number): number {
	return ((((3 - fromBottom) % 6) + 6) % 6) + 1;
}

/**
 * Shortens a path to `max` characters with whole names only: the file name, then
 * as many leading directories as fit, then the ones nearest the file
 * ("/usr/…/python3", "…/apt/base.deb"), so no name is cut in the middle. A file
 * name too long on its own keeps its end ("…thon3.12.deb").
 */
export function shorten(text: string, max: number): string {
	if (text.length <= max) return text;
	if (max <= 1) return '…';
	const names = text.split('/');
	const file = names.pop()!;
	if (names.length > 1 && file.length + 2 <= max) {
		const dirs = names.slice(1);
		let head = '';
		let tail = `/${file}`;
		// "/head/…/tail", or "…/tail" with no head.
		const fits = (h: string, t: string) => h.length + (h ? 2 : 1) + t.length <= max;
		while (dirs.length && fits(`${head}/${dirs[0]}`, tail)) head += `/${dirs.shift()}`;
		while (dirs.length && fits(head, `/${dirs[dirs.length - 1]}${tail}`))
			tail = `/${dirs.pop()}${tail}`;
		return `${head}/…${tail}`.replace(/^\/…/, '…');
	}
	return `…${text.slice(text.length - max + 1)}`;
}

/**
 * Files of one band whose shortened names come out alike (eight "…4-linux-gnu.so"
 * from "_module_number_0.cpython-311-x86_64-linux-gnu.so" and its siblings): each
 * shows instead the part of its file name where it differs from the most alike of
 * them ("…le_number_0.cp…"), in `max` characters. Names that differ only in their
 * directories keep their titles (their whole paths are in the chips' labels).
 */
export function tellApart(
	chips: { path: string; title: string; kind: string }[],
	max: number
): void {
	const byTitle = new Map<string, typeof chips>();
	for (const chip of chips)
		if (chip.kind !== 'more') byTitle.set(chip.title, [...(byTitle.get(chip.title) ?? []), chip]);
	const common = (a: string, b: string) => {
		let n = 0;
		while (n < a.length && n < b.length && a[n] === b[n]) n++;
		return n;
	};
	for (const group of byTitle.values()) {
		if (group.length < 2) continue;
		const titles = group.map((chip) => {
			const others = group.filter((other) => other.path !== chip.path);
			if (!others.length) return chip.title;
			const differs = Math.max(...others.map((other) => common(chip.path, other.path)));
			const nameStart = chip.path.lastIndexOf('/') + 1;
			if (differs < nameStart) return chip.title;
			const name = chip.path.slice(nameStart);
			const at = differs - nameStart;
			if (name.length <= max) return name;
			if (at < max - 4) return `${name.slice(0, max - 1)}…`;
			// The differing character with three after it, where the name goes on that far.
			const room = max - 2;
			const start = Math.min(at - room + 4, name.length - room);
			if (start + room >= name.length) return `…${name.slice(name.length - max + 1)}`;
			return `…${name.slice(start, start + room)}…`;
		});
		group.forEach((chip, i) => (chip.title = titles[i]));
	}
}

/**
 * About how wide a character of the chip's 12 px caption is, in the widest of the
 * fonts it may be drawn in (DejaVu Sans, Linux's system-ui; measured at 11.5 px and
 * scaled): capitals and wide letters more than the average (DETAIL_CHAR), narrow ones less.
 */
function detailWidth(char: string): number {
	let width = detailWidths.get(char);
	if (width === undefined) {
		width = measureDetail(char);
		detailWidths.set(char, width);
	}
	return width;
}

/** Each character's width once worked out: captions are worked out for every chip at every step. */
const detailWidths = new Map<string, number>();

function measureDetail(char: string): number {
	if (/[MWmw@%]/.test(char)) return 11.5;
	if (/[A-Z_#&=~<>+]/.test(char)) return 8.25;
	if (/[ .,:;'|!ijlt()[\]{}/\\-]/.test(char)) return 4.5;
	return 7.3;
}

const captionWidth = (text: string) => [...text].reduce((sum, c) => sum + detailWidth(c), 0);

/** The caption's quotes (6.3 px each) and the ellipsis (a whole em in DejaVu Sans). */
const QUOTES = 12.6;
const ELLIPSIS = 12;

/**
 * The caption of an entry hidden from the container by a layer above, whole where
 * the chip has room for it (under 143 px it ran past the border), else its first word.
 */
function hiddenCaption(room: number): string {
	const whole = 'hidden from above';
	return captionWidth(whole) <= room ? whole : 'hidden';
}

/**
 * A file's content in quotes, cut with … to `room` px: the chip's width less its icon
 * and a margin at its right edge (at an estimate 4 px short, a cut preview ran into
 * the chip's border).
 */
function preview(content: string, room: number): string {
	const flat = content.replace(/\s+/g, ' ').trim();
	if (flat === '') return '(empty file)';
	// No character is narrower than 4.5 px: a longer text never fits, and is not measured.
	if (flat.length * 4.5 <= room && captionWidth(flat) + QUOTES <= room) return `“${flat}”`;
	let used = QUOTES + ELLIPSIS;
	let fit = 0;
	while (fit < flat.length && used + detailWidth(flat[fit]) <= room)
		used += detailWidth(flat[fit++]);
	return `“${flat.slice(0, Math.max(1, fit)).trimEnd()}…”`;
}

function detailOf(entry: BandEntry, room: number): string {
	switch (entry.kind) {
		case 'file':
			return preview(entry.content ?? '', room);
		case 'dir':
			return 'directory';
		case 'opaque':
			return 'opaque dir';
		case 'whiteout':
			return 'whiteout';
	}
}

function labelOf(entry: BandEntry): string {
	switch (entry.kind) {
		case 'file':
			return `file ${entry.path}, ${entry.content?.length ?? 0} characters`;
		case 'dir':
			return `directory ${entry.path}`;
		case 'opaque':
			return `opaque directory ${entry.path}: nothing below it is merged`;
		case 'whiteout':
			return `whiteout ${entry.path}: hides the name in every layer below`;
	}
}

/** A chip's words, which depend on its entry and its size only. */
interface ChipText {
	title: string;
	detail: string;
	label: string;
}

/**
 * Each entry's words at the sizes it has been drawn at. An entry is one object
 * from one step to the next (a lower layer's always, the upper layer's until an
 * operation changes it), and a step redrew every chip's words from its characters.
 */
const chipTexts = new WeakMap<BandEntry, Map<string, ChipText>>();

function chipText(
	entry: BandEntry,
	shadowed: boolean,
	titleChars: number,
	detailRoom: number
): ChipText {
	let sizes = chipTexts.get(entry);
	if (!sizes) chipTexts.set(entry, (sizes = new Map()));
	const key = `${titleChars} ${detailRoom} ${shadowed}`;
	let text = sizes.get(key);
	if (!text) {
		text = {
			title: shorten(entry.path, titleChars),
			detail:
				shadowed && (entry.kind === 'file' || entry.kind === 'dir')
					? hiddenCaption(detailRoom)
					: detailOf(entry, detailRoom),
			label: labelOf(entry)
		};
		sizes.set(key, text);
	}
	return text;
}

/**
 * `isUsed`, remembered for each set of sources: they are one array from one step to
 * the next until an operation changes the upper layer, and a step looked every
 * chip's path up again through every layer.
 */
const usedBySources = new WeakMap<readonly LayerSource[], Map<string, boolean>>();

function usedIn(sources: readonly LayerSource[], layer: number, path: string): boolean {
	let known = usedBySources.get(sources);
	if (!known) usedBySources.set(sources, (known = new Map()));
	const key = `${layer} ${path}`;
	let used = known.get(key);
	if (used === undefined) {
		used = isUsed(sources, layer, path);
		known.set(key, used);
	}
	return used;
}

/** Picks at most `cap` entries to draw, always keeping the one at `focus`. */
export function pickEntries(
	entries: readonly BandEntry[],
	cap: number,
	focus: readonly string[]
): { shown: BandEntry[]; hidden: number } {
	if (entries.length <= cap) return { shown: [...entries], hidden: 0 };
	const room = Math.max(1, cap - 1);
	const wanted = entries.filter((entry) => focus.includes(entry.path));
	const rest = entries.filter((entry) => !focus.includes(entry.path));
	const shown = [...wanted, ...rest.slice(0, Math.max(0, room - wanted.length))].sort((a, b) =>
		a.path < b.path ? -1 : a.path > b.path ? 1 : 0
	);
	return { shown, hidden: entries.length - shown.length };
}

/** About how wide a bold 14 px capital is, for a band name of capitals (W and M are wider still). */
const NAME_CHAR_WIDE = 10.5;

const OUTCOME_LABEL: Record<Probe['outcome'], string> = {
	hit: 'found',
	miss: 'not found',
	whiteout: 'whiteout: stop',
	opaque: 'opaque: stop',
	'non-directory': 'file: stop'
};

/** How many columns of chips a picture `width` px wide holds. */
export function columnsAt(width: number): number {
	const w = Math.max(280, Math.floor(width));
	const gutter = w < 560 ? GUTTER_NARROW : GUTTER;
	const inner = w - gutter - 2 * BAND_PAD;
	return Math.max(1, Math.floor((inner + CHIP_GAP) / (CHIP_MIN + CHIP_GAP)));
}

/**
 * The narrowest picture that holds `columns` columns of chips. The served
 * picture's container queries (UnionBands.svelte) repeat these widths, for 2 to
 * SERVED_COLUMNS columns.
 */
export function widthForColumns(columns: number): number {
	let width = 280;
	while (columnsAt(width) < columns) width++;
	return width;
}

/** The most columns the served picture has a height for (a picture 1,152 px wide). */
export const SERVED_COLUMNS = 8;

/** About how wide a character of a band's 12 px tag is (measured in Chromium: 7.0 on average). */
const TAG_CHAR = 7.2;

/**
 * About how wide a band's bold 14 px name is drawn (measured in Chromium: 11.9 px a
 * capital, 9.0 a lower-case letter on average): capitals, digits and the widest signs
 * at a capital's width, other characters at a lower-case one.
 */
function nameWidth(text: string): number {
	let width = 0;
	for (const char of text) width += /[A-Z0-9@#%&=_~MW]/.test(char) ? 12 : 9.2;
	return width;
}

/** A band's name cut with an ellipsis to about `room` px (whole, if it fits). */
function fitName(name: string, room: number): string {
	if (nameWidth(name) <= room) return name;
	let cut = name.length - 1;
	while (cut > 1 && nameWidth(`${name.slice(0, cut)}…`) > room) cut--;
	return `${name.slice(0, cut)}…`;
}

/** A layer's name as its band's header draws it: at most 22 characters, a longer one cut with an ellipsis. */
function shortName(name: string, max = 22): string {
	return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

/**
 * The picture's height at 1, 2, … SERVED_COLUMNS columns: a frame's height
 * depends on its width only through how many columns its bands wrap into. The
 * server, which does not know the width, gives the picture all of them, so that
 * it is as tall as the running one at any width (UnionBands.svelte).
 */
export function heightsByColumns(input: LayoutInput, options: LayoutOptions = {}): number[] {
	return Array.from(
		{ length: SERVED_COLUMNS },
		(_, index) => layoutUnion(input, widthForColumns(index + 1), options).height
	);
}

export function layoutUnion(
	input: LayoutInput,
	width: number,
	options: LayoutOptions = {}
): UnionLayout {
	const chipCap = Math.max(2, options.chipCap ?? DEFAULT_CHIP_CAP);
	const bandCap = Math.max(2, options.bandCap ?? DEFAULT_BAND_CAP);
	const w = Math.max(280, Math.floor(width));
	const gutter = w < 560 ? GUTTER_NARROW : GUTTER;
	const inner = w - gutter - 2 * BAND_PAD;
	const columns = columnsAt(w);
	const chipWidth = Math.min(CHIP_MAX, Math.floor((inner - (columns - 1) * CHIP_GAP) / columns));
	const titleChars = Math.max(6, Math.floor((chipWidth - 30) / CHAR));
	// The caption starts 26 px in (after the icon) and keeps 8 px from the right border.
	const detailRoom = Math.max(6 * DETAIL_CHAR, chipWidth - 34);
	const focus = input.focus;
	const probe = input.probe;
	const change = input.change;
	const wanted = [focus, probe?.path, change?.path, ...(change?.parents ?? [])].filter(
		(p): p is string => typeof p === 'string'
	);

	// Which bands are drawn: the first bandCap - 1, plus the probed one; the rest summed up.
	const total = input.layers.length;
	let drawn = input.layers.map((_, index) => index);
	let summary: number[] = [];
	if (total > bandCap) {
		drawn = drawn.slice(0, bandCap - 1);
		const extra = [probe?.layerIndex].filter(
			(i): i is number => typeof i === 'number' && i >= bandCap - 1
		);
		drawn = [...drawn, ...extra.slice(0, 1)];
		summary = input.layers.map((_, index) => index).filter((index) => !drawn.includes(index));
	}

	// Probe state per band.
	const stops =
		probe !== null &&
		(probe.outcome === 'whiteout' ||
			probe.outcome === 'opaque' ||
			probe.outcome === 'non-directory' ||
			(probe.outcome === 'hit' &&
				input.entries[probe.layerIndex]?.some(
					(entry) => entry.path === probe.path && entry.kind === 'file'
				)) ||
			(probe.outcome === 'hit' &&
				input.sources?.[probe.layerIndex]?.get(probe.path)?.type === 'file'));

	const bands: BandGeom[] = [];
	const chipAt = new Map<string, { x: number; y: number }>();
	/** A lower layer's number as its band says it: 1 for the one just below the upper. */
	const lowerNumber = (index: number) => index - (input.layers[0]?.upper ? 1 : 0) + 1;
	const lowers = input.layers.filter((layer) => !layer.upper).length;
	let y = 0;
	const bandFor = (index: number) => {
		const layer = input.layers[index];
		const all = input.entries[index] ?? [];
		const { shown, hidden } = pickEntries(all, chipCap, wanted);
		const items: (BandEntry | { more: number })[] = [...shown];
		if (hidden > 0) items.push({ more: hidden });
		const rows = Math.max(1, Math.ceil(items.length / columns));
		const h = BAND_HEADER + rows * (CHIP_HEIGHT + CHIP_GAP) - CHIP_GAP + BAND_PAD;
		const top = y;
		const chips: ChipGeom[] = items.map((item, n) => {
			const cx = gutter + BAND_PAD + (n % columns) * (chipWidth + CHIP_GAP);
			const cy = top + BAND_HEADER + Math.floor(n / columns) * (CHIP_HEIGHT + CHIP_GAP);
			if ('more' in item) {
				return {
					key: `${layer.id}:+more`,
					path: '',
					kind: 'more',
					x: cx,
					y: cy,
					w: chipWidth,
					h: CHIP_HEIGHT,
					title: `+${item.more} more`,
					detail: 'not drawn',
					label: `${item.more} more entries in this layer, not drawn`,
					focus: false,
					shadowed: false,
					from: null,
					changed: false
				};
			}
			chipAt.set(`${layer.id}:${item.path}`, { x: cx, y: cy });
			const shadowed = input.sources ? !usedIn(input.sources, index, item.path) : false;
			const text = chipText(item, shadowed, titleChars, detailRoom);
			const isChanged =
				layer.upper &&
				change !== null &&
				(item.path === change.path || change.parents.includes(item.path));
			return {
				key: `${layer.id}:${item.path}`,
				path: item.path,
				kind: item.kind,
				x: cx,
				y: cy,
				w: chipWidth,
				h: CHIP_HEIGHT,
				title: text.title,
				detail: text.detail,
				label: text.label,
				focus: focus !== null && item.path === focus,
				shadowed,
				from: null,
				changed: isChanged
			};
		});
		tellApart(chips, titleChars);
		let state: BandGeom['state'] = 'idle';
		if (probe) {
			if (index === probe.layerIndex) state = 'probe';
			else if (index < probe.layerIndex) state = 'passed';
			else if (stops) state = 'below-stop';
		}
		bands.push({
			key: layer.id,
			index,
			y: top,
			h,
			name: layer.name,
			shownName: shortName(layer.name),
			tag:
				w < 560
					? layer.upper
						? 'writable'
						: 'read-only'
					: layer.upper
						? 'upper layer · writable'
						: `lower layer ${lowerNumber(index)} · read-only`,
			tagShown: true,
			upper: layer.upper,
			tone: layer.upper ? null : layerTone(lowers - lowerNumber(index)),
			chips,
			count: all.length,
			state
		});
		y += h + BAND_GAP;
	};
	// The layers not drawn, in runs: a probed layer drawn among them splits them in two,
	// each summed up in its place, so the bands stay in the layers' order.
	const runs: number[][] = [];
	for (const index of summary) {
		const run = runs[runs.length - 1];
		if (run && run[run.length - 1] === index - 1) run.push(index);
		else runs.push([index]);
	}
	for (let index = 0; index < total; index++) {
		if (drawn.includes(index)) bandFor(index);
		const run = runs.findIndex((r) => r[0] === index);
		if (run >= 0) addSummary(runs[run], run === 0 ? 'summary' : `summary-${run}`);
	}

	function addSummary(summary: number[], key: string) {
		const h = BAND_HEADER + 8;
		const first = summary[0];
		const last = summary[summary.length - 1];
		const name = `${summary.length} more layer${summary.length === 1 ? '' : 's'}`;
		// Numbered as the drawn bands are: lower layers from 1, below the upper one (on a
		// narrow picture, as short as the drawn bands' tags are there).
		const numbers =
			first === last
				? `layer ${lowerNumber(first)}`
				: `layers ${lowerNumber(first)}–${lowerNumber(last)}`;
		const tag = w < 560 ? numbers : `lower ${numbers} · not drawn`;
		let state: BandGeom['state'] = 'idle';
		if (probe) {
			if (probe.layerIndex > last) state = 'passed';
			else if (probe.layerIndex < first && stops) state = 'below-stop';
		}
		bands.push({
			key,
			index: -1,
			y,
			h,
			name,
			shownName: shortName(name),
			tag,
			tagShown: true,
			upper: false,
			tone: null,
			chips: [],
			count: summary.reduce((sum, i) => sum + (input.entries[i]?.length ?? 0), 0),
			state
		});
		y += h + BAND_GAP;
	}

	// Copy-up: the new upper chip enters from the lower chip it was copied from.
	if (change && change.kind === 'copy-up' && change.from) {
		const source = chipAt.get(`${change.from}:${change.path}`);
		const upperBand = bands.find((band) => band.upper);
		const chip = upperBand?.chips.find((c) => c.path === change.path);
		if (source && chip) chip.from = { dx: source.x - chip.x, dy: source.y - chip.y };
	}

	let probeGeom: ProbeGeom | null = null;
	if (probe) {
		const band = bands.find((b) => b.index === probe.layerIndex) ?? bands[0];
		probeGeom = {
			band: probe.layerIndex,
			y: band ? band.y + band.h / 2 : 0,
			outcome: probe.outcome,
			label: OUTCOME_LABEL[probe.outcome] + (stops && probe.outcome === 'hit' ? ': served' : ''),
			stops,
			path: probe.path,
			fromY: bands[0] ? bands[0].y + BAND_HEADER / 2 : 0
		};
	}

	// A band's header holds its name and tag on the left and, at the probe or below
	// where it stopped, words on the right: on a narrow picture the tag makes way.
	for (const band of bands) {
		const right =
			band.state === 'probe' && probeGeom
				? probeGeom.label.length * 7.8
				: band.state === 'below-stop'
					? 'not looked at'.length * 6.4
					: 0;
		// The name makes way too, where even it would run into the words on the right:
		// counted at a bold capital's width, as Dockerfile lines are ("COPY --chown=…").
		if (right > 0) {
			const room = Math.floor((w - 8 - right - 8 - (gutter + 8)) / NAME_CHAR_WIDE);
			if (band.shownName.length > room) band.shownName = shortName(band.name, Math.max(4, room));
		}
		const left = gutter + 8 + band.shownName.length * 8.4 + 8 + band.tag.length * 6.4;
		band.tagShown = !(right > 0 && left + 8 > w - 8 - right);
		// Name and tag end inside the band: a name of capitals ("ENV PYTHONDONTWRITEBY…")
		// pushed "read-only" past a phone's edge. The name is shortened for the tag, by
		// its letters' widths, down to eight letters; below that the tag makes way.
		if (band.tagShown) {
			const inside = w - 8 - (right > 0 ? right + 8 : 0) - (gutter + 8);
			const tagWidth = 8 + band.tag.length * TAG_CHAR;
			if (nameWidth(band.shownName) + tagWidth > inside) {
				const fits = fitName(band.name, inside - tagWidth);
				if (fits.length >= 8 || fits === band.name) band.shownName = fits;
				else band.tagShown = false;
			}
		}
		if (!band.tagShown && nameWidth(band.shownName) > w - 8 - (gutter + 8))
			band.shownName = fitName(band.name, w - 8 - (gutter + 8));
	}

	return {
		width: w,
		height: Math.max(0, y - BAND_GAP),
		gutter,
		bands,
		probe: probeGeom,
		chipWidth,
		columns,
		focus
	};
}
