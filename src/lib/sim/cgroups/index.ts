export * from './values';
export * from './schema';
export * from './share';
export * from './model';
export * from './unlimited';
