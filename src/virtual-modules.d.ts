// Modules that vite.config.ts makes at build time.
declare module 'virtual:stepvisor-lessons' {
	const lessons: import('$lib/content/lesson-index').LessonMeta[];
	export default lessons;
}
declare module 'virtual:stepvisor-manifests/animations' {
	const list: (import('$lib/content/manifest').AnimationEntry & { lesson: string })[];
	export default list;
}
declare module 'virtual:stepvisor-manifests/scenarios' {
	const list: (import('$lib/content/manifest').ScenarioEntry & { lesson: string })[];
	export default list;
}
declare module 'virtual:stepvisor-manifests/cards' {
	const list: (import('$lib/content/manifest').CardEntry & { lesson: string })[];
	export default list;
}
declare module 'virtual:stepvisor-islands' {
	/** A component's module ({ default }) or a lesson's own module (its questions). */
	const loaders: Record<string, () => Promise<Record<string, unknown>>>;
	export default loaders;
}
declare module 'virtual:stepvisor-docker-frames' {
	const built: {
		frames: import('$lib/sim/docker/frames').DockerFrame[];
		/** The Dockerfile's lines, one per instruction. */
		dockerfile: string[];
	};
	export default built;
}
