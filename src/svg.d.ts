/** SVG files are imported as their source text (the builder's and jest's raw loader). */
declare module '*.svg' {
  const svgstr: string;
  export default svgstr;
}
