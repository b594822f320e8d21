/** The reader's theme choice, kept in localStorage when the browser allows it. */
export const THEMES = ['system', 'light', 'dark', 'projector'] as const;
export type Theme = (typeof THEMES)[number];
const KEY = 'stepvisor:theme';

export function isTheme(value: unknown): value is Theme {
	return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

export function loadTheme(): Theme {
	try {
		const stored = localStorage.getItem(KEY);
		return isTheme(stored) ? stored : 'system';
	} catch {
		return 'system';
	}
}

export function applyTheme(theme: Theme, save = true): void {
	if (theme === 'system') document.documentElement.removeAttribute('data-theme');
	else document.documentElement.setAttribute('data-theme', theme);
	if (!save) return;
	try {
		if (theme === 'system') localStorage.removeItem(KEY);
		else localStorage.setItem(KEY, theme);
	} catch {
		/* storage blocked: the choice lasts for this page only */
	}
}
