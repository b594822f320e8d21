/** Whether the page is an embed (`/embed/*`): read while a lab is created. */
import { usePageKind } from '$lib/embed/page-kind';

export function inEmbed(): boolean {
	return usePageKind() === 'embed';
}
