/** Only web links are followed from the explorer: a stored link with another scheme must never run script. */
export const isWebLink = (url: string | null | undefined): url is string => !!url && /^https?:\/\//i.test(url);
