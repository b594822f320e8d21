/**
 * The client half of a lesson's islands (see ./islands-build.js): after the page
 * has hydrated, each island in the prerendered prose is loaded and hydrated on
 * its own, in a task of its own, in the order of the page. One long task that
 * hydrated the whole lesson, prose and all, held a phone's main thread for a
 * quarter of a second or more.
 */
import { hydrate, unmount, type Component } from 'svelte';
import loaders from 'virtual:stepvisor-islands';

type Loaded = { default: Component<Record<string, unknown>> };

/** Lets the browser paint and handle input between two islands. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Hydrates every island under `root`; returns what unmounts them. `context` is
 * the page's (a player host, say), which the islands would have had as children.
 */
export function hydrateIslands(root: HTMLElement, context?: Map<unknown, unknown>): () => void {
	const islands = [...root.querySelectorAll<HTMLElement>('[data-island]:not([data-hydrated])')];
	const mounted: Record<string, unknown>[] = [];
	let stopped = false;

	void (async () => {
		// Not in the page's own hydration: starting a load adds a <link rel=modulepreload>
		// to the head for each module the island needs (Vite's preload helper), 7 ms
		// of a lab's on this machine.
		await nextTask();
		if (stopped) return;
		// All loads start at once; each island waits only for its own.
		const loads = islands.map((island) => {
			const load = loaders[island.dataset.island ?? ''] as (() => Promise<Loaded>) | undefined;
			return load ? load() : Promise.reject(new Error(`no island ${island.dataset.island}`));
		});
		for (const load of loads) load.catch(() => {}); // reported below, in order
		for (const [index, island] of islands.entries()) {
			try {
				const { default: Part } = await loads[index];
				await nextTask();
				if (stopped) return;
				const props = JSON.parse(island.dataset.props ?? '{}') as Record<string, unknown>;
				mounted.push(hydrate(Part, { target: island, props, context }));
				island.dataset.hydrated = 'true';
			} catch (error) {
				// The prerendered picture stays; the rest of the page still works.
				island.dataset.hydrated = 'failed';
				console.error(`Stepvisor: the part ${island.dataset.island} did not start`, error);
			}
		}
	})();

	return () => {
		stopped = true;
		for (const part of mounted) void unmount(part);
	};
}

/**
 * `use:islands={{ context }}` on the element that holds a prerendered lesson's
 * prose: drops the server's mark (this page's prose is hydrated now; a later load
 * must load the lesson), hydrates the islands, and unmounts them with the element.
 */
export function islands(
	node: HTMLElement,
	options: { context?: Map<unknown, unknown> }
): { destroy: () => void } {
	node.removeAttribute('data-prerendered-lesson');
	return { destroy: hydrateIslands(node, options.context) };
}

/**
 * Whether the page on screen is `route`'s lesson `slug`, prerendered and not yet
 * hydrated: then its prose is already there, and the client need not load it.
 * The server marks the prose (`data-prerendered-lesson`, ./LessonBody.svelte),
 * and hydration removes the mark, so a later load loads the lesson.
 */
export function prerenderedHere(route: string, slug: string): boolean {
	if (typeof document === 'undefined') return false;
	const key = `${route}/${slug}`;
	return [...document.querySelectorAll('[data-prerendered-lesson]')].some(
		(element) => element.getAttribute('data-prerendered-lesson') === key
	);
}
