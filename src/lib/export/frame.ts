/**
 * Folder rule: the export feature turns what a renderer drew into files (SVG, PNG) and
 * text (transcripts); it reads the page's drawing and never changes it.
 *
 * One frame as a self-contained SVG: the renderer's own drawing (the player's stage),
 * cloned with the styles the browser computed for it written onto each element, so the
 * file needs no stylesheet, no script and no font or image from anywhere. A stage that
 * holds HTML (nested boxes, tables) goes into a <foreignObject>: browsers and Inkscape
 * draw it; a stage that is one SVG stays plain SVG, which slide tools read best.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** System fonts only: a file must look the same without the site's fonts. */
export const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

/** What SVG shapes and text need to look as they do on screen. */
const SVG_PROPERTIES = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-opacity',
	'stroke-dasharray',
	'stroke-linecap',
	'stroke-linejoin',
	'opacity',
	'font-size',
	'font-weight',
	'font-style',
	'text-anchor',
	'dominant-baseline',
	'letter-spacing',
	'visibility',
	'paint-order',
	// Bands and chips are placed with CSS transforms (so that they can move smoothly).
	'transform',
	'transform-origin',
	'transform-box'
];

/** What HTML boxes need (inside a foreignObject). */
const HTML_PROPERTIES = [
	'display',
	'box-sizing',
	'width',
	'height',
	'min-height',
	'margin',
	'padding',
	'border-top',
	'border-right',
	'border-bottom',
	'border-left',
	'border-radius',
	'background-color',
	'color',
	'font-size',
	'font-weight',
	'font-style',
	'line-height',
	'text-align',
	'white-space',
	'flex-direction',
	'flex-wrap',
	'align-items',
	'justify-content',
	'gap',
	'grid-template-columns',
	'opacity',
	'list-style-type',
	'text-decoration-line',
	'vertical-align',
	'overflow',
	'position',
	'top',
	'left',
	'right',
	'bottom',
	'z-index',
	// Boxes placed by the layout (the PID tree) are moved with transforms.
	'transform',
	'transform-origin',
	// Text kept for screen readers only stays hidden.
	'clip',
	'clip-path',
	'min-width',
	'max-width',
	'flex-grow',
	'flex-shrink',
	'flex-basis',
	'align-self',
	'grid-column',
	'grid-row',
	'border-collapse',
	'border-spacing',
	'font-variant-numeric',
	'text-overflow',
	'box-shadow',
	'outline'
];

export interface FrameCaption {
	/** "Step 4 of 9 — The system-call path, Stepvisor" */
	heading: string;
	/** The frame's narration (one line per side of a side-by-side). */
	narration: string[];
}

export interface ExportedFrame {
	svg: string;
	width: number;
	height: number;
}

function fontFor(computed: CSSStyleDeclaration): string {
	return /mono|courier|consolas|menlo/i.test(computed.fontFamily) ? MONO : SANS;
}

/** Writes the computed styles of `source` (and its descendants) onto `copy`, element by element. */
function inlineStyles(source: Element, copy: Element): void {
	const computed = getComputedStyle(source);
	const isSvg = source.namespaceURI === SVG_NS && source.localName !== 'foreignObject';
	const declarations: string[] = [];
	if (computed.display === 'none') declarations.push('display:none');
	// An <svg> inside HTML is sized by the page's stylesheet, which the file does not have.
	const outerSvg = source.localName === 'svg' && source.parentElement?.namespaceURI !== SVG_NS;
	const properties = outerSvg
		? [...SVG_PROPERTIES, 'width', 'height', 'display', 'max-width', 'position', 'top', 'left']
		: isSvg
			? SVG_PROPERTIES
			: HTML_PROPERTIES;
	for (const property of properties) {
		let value = computed.getPropertyValue(property);
		// A picture has no scrollbars: what a scroll area shows is what the file shows.
		if (property === 'overflow' && /auto|scroll/.test(value)) value = 'hidden';
		if (value) declarations.push(`${property}:${value}`);
	}
	declarations.push(`font-family:${fontFor(computed)}`);
	copy.setAttribute('style', declarations.join(';'));
	for (const name of [...copy.getAttributeNames()]) {
		// Classes and data only mean something with the site's stylesheet and script;
		// event handlers and outside links have no place in a file.
		if (
			name === 'class' ||
			name.startsWith('data-') ||
			name.startsWith('on') ||
			name === 'tabindex' ||
			name === 'contenteditable'
		) {
			copy.removeAttribute(name);
		} else if (
			(name === 'href' || name === 'xlink:href' || name === 'src') &&
			!copy.getAttribute(name)!.startsWith('#')
		) {
			copy.removeAttribute(name);
		}
	}
	const sourceChildren = source.children;
	const copyChildren = copy.children;
	// Backwards, so that a child left out does not shift the ones still to do.
	for (let i = sourceChildren.length - 1; i >= 0; i--) {
		// A frame laid out but not shown (FrameStack): the file is of the shown one.
		if (sourceChildren[i].hasAttribute('data-export-skip')) copyChildren[i].remove();
		else inlineStyles(sourceChildren[i], copyChildren[i]);
	}
}

/** Splits `text` into lines of at most `max` characters, at spaces. */
export function wrapText(text: string, max: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > max) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

function svgElement<K extends keyof SVGElementTagNameMap>(
	name: K,
	attributes: Record<string, string | number>
): SVGElementTagNameMap[K] {
	const element = document.createElementNS(SVG_NS, name);
	for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
	return element;
}

/**
 * Puts each overlay's SVG (`data-export-overlay`, drawn over the picture on a layer
 * of its own) into `picture`, the copy of `single`, where it shows on screen.
 */
function foldOverlays(stage: HTMLElement, single: SVGSVGElement, picture: SVGSVGElement): void {
	const box = single.getBoundingClientRect();
	const view = single.viewBox.baseVal;
	const scale = view && view.width > 0 && box.width > 0 ? view.width / box.width : 1;
	for (const overlay of stage.querySelectorAll('[data-export-overlay]')) {
		for (const source of overlay.querySelectorAll(':scope > svg')) {
			const at = source.getBoundingClientRect();
			const copy = source.cloneNode(true) as SVGSVGElement;
			inlineStyles(source, copy);
			// Placed by the attributes below, inside the picture's coordinates.
			for (const property of ['width', 'height', 'max-width', 'position', 'top', 'left'])
				copy.style.removeProperty(property);
			copy.setAttribute('x', String((at.left - box.left) * scale));
			copy.setAttribute('y', String((at.top - box.top) * scale));
			copy.setAttribute('width', String(at.width * scale));
			copy.setAttribute('height', String(at.height * scale));
			picture.appendChild(copy);
		}
	}
}

/**
 * The frame drawn in `stage` with its caption underneath, as SVG text. With
 * `light`, the light theme's colours are read (the page is switched for the
 * length of this call only, so nothing is painted in between).
 */
/** C0 control characters XML 1.0 forbids (tab, newline and carriage return are allowed). */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * The text with every character XML cannot hold replaced by U+FFFD: a name from a
 * scenario may hold control characters or half of a surrogate pair, which
 * XMLSerializer writes out as they are, giving a file no SVG tool opens (and a
 * lone surrogate makes encodeURIComponent throw when the PNG is drawn).
 */
export function xmlSafe(text: string): string {
	return text.toWellFormed().replace(XML_FORBIDDEN, '\uFFFD');
}

export function exportFrame(
	stage: HTMLElement,
	caption: FrameCaption,
	{ light = false } = {}
): ExportedFrame {
	const root = document.documentElement;
	const theme = root.getAttribute('data-theme');
	if (light) root.setAttribute('data-theme', 'light');
	try {
		// A picture that is one SVG inside wrappers stays plain SVG: slide tools read it best.
		// Overlays (a token animated on its own layer) are folded into it below.
		const drawn = (element: Element) =>
			[...element.children].filter(
				(child) =>
					!child.hasAttribute('data-export-overlay') && !child.hasAttribute('data-export-skip')
			);
		let only: Element = stage;
		while (drawn(only).length === 1 && !(only instanceof SVGSVGElement)) only = drawn(only)[0];
		const single =
			only instanceof SVGSVGElement && drawn(only.parentElement!).length === 1 ? only : null;
		const box = (single ?? stage).getBoundingClientRect();
		const width = Math.max(1, Math.ceil(box.width));
		const pictureHeight = Math.max(1, Math.ceil(box.height));
		const page = getComputedStyle(root);
		const background = page.getPropertyValue('--bg').trim() || '#ffffff';
		const foreground = page.getPropertyValue('--fg').trim() || '#111111';
		const soft = page.getPropertyValue('--fg-soft').trim() || foreground;

		const picture = single ? (single.cloneNode(true) as SVGSVGElement) : null;
		let drawing: SVGElement;
		if (picture && single) {
			inlineStyles(single, picture);
			picture.setAttribute('x', '0');
			picture.setAttribute('y', '0');
			picture.setAttribute('width', String(width));
			picture.setAttribute('height', String(pictureHeight));
			foldOverlays(stage, single, picture);
			drawing = picture;
		} else {
			const foreign = svgElement('foreignObject', { x: 0, y: 0, width, height: pictureHeight });
			const body = document.createElementNS(XHTML_NS, 'div');
			const copy = stage.cloneNode(true) as HTMLElement;
			inlineStyles(stage, copy);
			body.appendChild(copy);
			foreign.appendChild(body);
			drawing = foreign;
		}
		// Nothing that could run or reach out survives the copy.
		for (const element of drawing.querySelectorAll('script, iframe, object, embed, link, style')) {
			element.remove();
		}

		const fontSize = 14;
		const lineHeight = 20;
		const perLine = Math.max(30, Math.floor(width / (fontSize * 0.62)));
		const headingLines = wrapText(caption.heading, perLine);
		const lines = caption.narration.flatMap((text) => wrapText(text, perLine));
		const captionHeight = 16 + lineHeight * (headingLines.length + lines.length) + 8;
		const height = pictureHeight + captionHeight;

		const svg = svgElement('svg', {
			xmlns: SVG_NS,
			width,
			height,
			viewBox: `0 0 ${width} ${height}`
		});
		svg.appendChild(svgElement('rect', { x: 0, y: 0, width, height, fill: background }));
		svg.appendChild(drawing);
		headingLines.forEach((line, index) => {
			const heading = svgElement('text', {
				x: 8,
				y: pictureHeight + 16 + fontSize + lineHeight * index,
				fill: soft,
				'font-family': SANS,
				'font-size': fontSize - 1
			});
			heading.textContent = line;
			svg.appendChild(heading);
		});
		lines.forEach((line, index) => {
			const text = svgElement('text', {
				x: 8,
				y: pictureHeight + 16 + fontSize + lineHeight * (headingLines.length + index),
				fill: foreground,
				'font-family': SANS,
				'font-size': fontSize
			});
			text.textContent = line;
			svg.appendChild(text);
		});
		const source = xmlSafe(new XMLSerializer().serializeToString(svg));
		return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${source}`, width, height };
	} finally {
		if (light) {
			if (theme === null) root.removeAttribute('data-theme');
			else root.setAttribute('data-theme', theme);
		}
	}
}

/** Draws an exported frame into a canvas `scale` times its size and returns it as PNG. */
export async function frameToPng(frame: ExportedFrame, scale = 2): Promise<Blob> {
	// A data: address, not a blob: one: Chromium marks a canvas that drew a blob: SVG
	// holding a <foreignObject> as tainted, and then refuses to export it.
	const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(frame.svg)}`;
	const image = new Image();
	image.width = frame.width;
	image.height = frame.height;
	await new Promise<void>((done, fail) => {
		image.onload = () => done();
		image.onerror = () => fail(new Error('the browser could not draw the exported picture'));
		image.src = url;
	});
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(frame.width * scale);
	canvas.height = Math.round(frame.height * scale);
	const context = canvas.getContext('2d');
	if (!context) throw new Error('this browser cannot draw into a canvas');
	context.scale(scale, scale);
	context.drawImage(image, 0, 0, frame.width, frame.height);
	return await new Promise<Blob>((done, fail) =>
		canvas.toBlob(
			(blob) => (blob ? done(blob) : fail(new Error('the PNG could not be made'))),
			'image/png'
		)
	);
}

/** Offers `blob` as a download named `filename`. */
export function download(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	document.body.appendChild(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
