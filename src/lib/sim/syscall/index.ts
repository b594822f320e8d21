export * from './paths';
export * from './model';
