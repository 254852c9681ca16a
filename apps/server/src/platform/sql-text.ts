/** LIKE patterns with the user's text taken literally (%, _ and \ escaped). */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const likeContains = (text: string): string => `%${escapeLike(text)}%`;
export const likePrefix = (text: string): string => `${escapeLike(text)}%`;
