export const format = (s: string): string => `[${s}]`;
