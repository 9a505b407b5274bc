/** The room kit's printable sheets, each with its paper size (the page's @page rules). */
export const SHEETS = ['poster-a4', 'poster-a3', 'forms', 'synthesis'] as const;
export type Sheet = (typeof SHEETS)[number];
