// The site's lesson loader; page options (prerender, entries) stay out of the hash build.
export { load } from '../../../../../routes/lessons/[slug]/+page';
