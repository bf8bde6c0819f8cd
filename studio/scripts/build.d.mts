/** What the first visit fetches (the page, its stylesheet, the entry script and its static imports), and what loads later. */
export interface StudioSizeReport {
  firstLoad: { files: { file: string; bytes: number; gzip: number }[]; bytes: number; gzip: number };
  lazy: { files: number; bytes: number };
}
export const DEFAULT_OUTDIR: string;
export function buildStudio(options?: { outdir?: string; minify?: boolean }): Promise<StudioSizeReport>;
