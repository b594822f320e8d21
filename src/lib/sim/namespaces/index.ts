export * from './ip';
export * from './schema';
export * from './model';
