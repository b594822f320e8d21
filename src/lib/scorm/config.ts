/**
 * What scripts/package-scorm.js writes into each package's index.html, before the
 * app starts: `window.__stepvisorScorm = { lesson, site }`, the package's lesson
 * slug and the public site's address (for links out of the lesson; may be empty).
 */
export interface PackageConfig {
	lesson: string;
	site: string;
}

export function packageConfig(): PackageConfig {
	const given =
		typeof window === 'undefined'
			? undefined
			: (window as { __stepvisorScorm?: Partial<PackageConfig> }).__stepvisorScorm;
	return {
		lesson: typeof given?.lesson === 'string' ? given.lesson : '',
		site: typeof given?.site === 'string' ? given.site : ''
	};
}
