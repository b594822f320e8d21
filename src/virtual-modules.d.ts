// Modules that vite.config.ts makes at build time.
declare module 'virtual:stepvisor-lessons' {
	const lessons: import('$lib/content/lesson-index').LessonMeta[];
	export default lessons;
}
