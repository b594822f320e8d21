// The page a static host serves for any address it has no file for (build/404.html,
// docs/hosting.md). It runs no router and is never hydrated: the router would try
// to render the missing address itself. Its only script is the lesson pages' own
// (the header's theme menu, the offline worker), and src/hooks.server.ts makes its
// addresses absolute, so they work at whatever depth the host serves it.
export const csr = false;
// Written as 404.html, the name static hosts look for, not 404/index.html as the
// site's other pages are (src/routes/+layout.ts).
export const trailingSlash = 'never';
