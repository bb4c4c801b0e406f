export * from './territory-types';
export * from './territory-file-error';
export * from './read-territory-file';
export * from './map-territory';
export * from './validate-territory';
export * from './territory-edit-error';
export * from './edit-territory';
