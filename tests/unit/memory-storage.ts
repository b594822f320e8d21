/** A `localStorage` kept in `store`, for tests of code that saves drafts. */
export function memoryStorage(
	store: Map<string, string>
): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
	return {
		getItem: (key: string) => store.get(key) ?? null,
		setItem: (key: string, value: string) => void store.set(key, value),
		removeItem: (key: string) => void store.delete(key)
	};
}
