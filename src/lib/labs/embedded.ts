/** Whether the page is an embed (`/embed/*`): read while a lab is created. */
import { page } from '$app/state';

export function inEmbed(): boolean {
	return page.route.id?.startsWith('/embed') ?? false;
}
