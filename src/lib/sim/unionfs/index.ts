export * from './schema';
export * from './layers';
export * from './model';
export { PersistentMap } from './pmap';
