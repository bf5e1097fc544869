/** A search's text, matched literally inside ILIKE's pattern (its %, _ and \ escaped). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (match) => `\\${match}`);
