/**
 * Whether this page may keep anything in the browser's storage. The framed lesson
 * view (`/framed/lessons/<slug>`, shown inside an LMS) keeps nothing: a shared
 * classroom computer must not show the next learner someone else's answers, and
 * browsers partition or block storage in third-party frames anyway. The self-check
 * and the labs' drafts ask here before they read or write.
 */
let allowed = true;

/** From now on, nothing is read from or written to storage on this page. */
export function keepNothingOnThisPage(): void {
	allowed = false;
}

export function storageAllowed(): boolean {
	return allowed;
}
