export * from './pages';
export * from './schema';
export * from './model';
export { largeScenario } from './bench';
