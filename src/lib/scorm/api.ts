/**
 * Folder rule: src/lib/scorm/ is the SCORM 1.2 copy of the site (its routes, the LMS
 * glue, the package builders); the site itself never imports it.
 *
 * The SCORM 1.2 run-time API an LMS puts in a window above the lesson, found the
 * way ADL's reference SCO (and pipwerks) do: this window and up to 7 parents,
 * then the opener and its parents. Frames of another origin are skipped.
 */

export interface Scorm12Api {
	LMSInitialize(arg: ''): string | boolean;
	LMSFinish(arg: ''): string | boolean;
	LMSGetValue(element: string): string;
	LMSSetValue(element: string, value: string): string | boolean;
	LMSCommit(arg: ''): string | boolean;
	LMSGetLastError(): string | number;
	LMSGetErrorString(code: string): string;
	LMSGetDiagnostic(code: string): string;
}

const MAX_PARENTS = 7;

function apiIn(win: Window): Scorm12Api | null {
	try {
		const candidate = (win as unknown as { API?: unknown }).API;
		if (
			candidate &&
			typeof candidate === 'object' &&
			typeof (candidate as Scorm12Api).LMSInitialize === 'function'
		)
			return candidate as Scorm12Api;
	} catch {
		/* another origin: not ours to look into */
	}
	return null;
}

function searchUp(start: Window): Scorm12Api | null {
	let win: Window = start;
	for (let tries = 0; tries <= MAX_PARENTS; tries++) {
		const api = apiIn(win);
		if (api) return api;
		let parent: Window | null;
		try {
			parent = win.parent;
		} catch {
			return null;
		}
		if (!parent || parent === win) return null;
		win = parent;
	}
	return null;
}

/** The LMS's API object, or null when the lesson runs outside an LMS. */
export function findApi(win: Window = window): Scorm12Api | null {
	const found = searchUp(win);
	if (found) return found;
	for (const opener of [() => win.opener, () => win.top?.opener]) {
		try {
			const from = opener() as Window | null | undefined;
			const api = from ? searchUp(from) : null;
			if (api) return api;
		} catch {
			/* an opener of another origin */
		}
	}
	return null;
}

const truthy = (value: string | boolean) => value === true || value === 'true';

/**
 * A connection to the LMS: values are written only when they change, commits are
 * throttled (at most one every `commitEvery` ms, the last change always committed),
 * and finish happens once.
 */
export class ScormConnection {
	private readonly written = new Map<string, string>();
	private lastCommit = 0;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private dirty = false;
	active = false;

	constructor(
		private readonly api: Scorm12Api,
		private readonly commitEvery = 2000
	) {}

	initialize(): boolean {
		try {
			this.active = truthy(this.api.LMSInitialize(''));
		} catch {
			this.active = false;
		}
		return this.active;
	}

	get(element: string): string {
		if (!this.active) return '';
		try {
			return String(this.api.LMSGetValue(element) ?? '');
		} catch {
			return '';
		}
	}

	/** Sets a value unless it was already set to the same; returns whether it was sent. */
	set(element: string, value: string): boolean {
		if (!this.active || this.written.get(element) === value) return false;
		try {
			if (!truthy(this.api.LMSSetValue(element, value))) return false;
		} catch {
			return false;
		}
		this.written.set(element, value);
		this.dirty = true;
		return true;
	}

	/** Commits now if the last commit is old enough, else soon. */
	commitSoon(): void {
		if (!this.active || !this.dirty || this.timer) return;
		const wait = Math.max(0, this.lastCommit + this.commitEvery - Date.now());
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.commitNow();
		}, wait);
	}

	commitNow(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		if (!this.active || !this.dirty) return;
		this.dirty = false;
		this.lastCommit = Date.now();
		try {
			this.api.LMSCommit('');
		} catch {
			/* the LMS went away: nothing more to do */
		}
	}

	finish(): void {
		if (!this.active) return;
		this.commitNow();
		this.active = false;
		try {
			this.api.LMSFinish('');
		} catch {
			/* as above */
		}
	}
}
