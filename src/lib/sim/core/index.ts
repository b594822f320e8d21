export * from './types';
export * from './limits';
export * from './depth';
export * from './json-size';
export * from './validate';
export * from './recorder';
export * from './narration';
export * from './model';
