// exifr's lite build (JPEG/HEIC EXIF, GPS; about half the full one) has the package's types.
declare module 'exifr/dist/lite.esm.mjs' {
  export * from 'exifr';
}
