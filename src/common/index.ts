/** Helpers every view shares: ids, numbers, times, authors, restore names. */
export * from './authors';
export * from './contextMenu';
export * from './describe';
export * from './ids';
export * from './numbers';
export * from './restore';
export * from './times';
export * from './verdict';
