/** "PM-09" and "AC-02(01)" as NIST's spreadsheets write them are the catalog's "PM-9" and "AC-2(1)". */
export const unpadded = (text: string) => text.replace(/(^|\D)0+(?=\d)/g, '$1');

/**
 * "GOVERN.1.1", "GOVERN-1.1" and "govern_1_1", as other tools write the AI RMF's "GOVERN 1.1", and "A5.9", as many
 * spreadsheets write 27001's "A.5.9": one separator for all, and none between a letter and the number after it.
 * Case is left as it is (callers compare lower-cased text).
 */
export const separatorsFolded = (text: string) =>
  unpadded(text)
    .replace(/[\s._:/-]+/g, '.')
    .replace(/(\p{L})\.(?=\d)/gu, '$1');
