export * from './types';
export * from './limits';
export * from './validate';
export * from './recorder';
export * from './narration';
export * from './model';
