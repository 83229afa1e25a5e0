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

/** "Article 9", "Articles 9", "Art 9" and "Art. 9" written one way, "art. 9". Callers compare lower-cased text. */
export const articleWords = (text: string) => text.replace(/\b(?:articles?|arts?)\b\.?\s*/gu, 'art. ');

/**
 * Legal citations as people write them: "Article 9(2)", "Art 9.2" and "Art. 9 para. 2" are the EU AI Act's
 * "Art. 9(2)"; "point (a)" is "(a)"; "Annex A 5.15" is "A.5.15". Article words are written one way, paragraph and point words go, and brackets
 * count as separators (and commas, "Article 9, paragraph 2", and section signs, "§ 6.1.2"), then `separatorsFolded`. Callers compare lower-cased text.
 */
export const citationFolded = (text: string) =>
  separatorsFolded(
    articleWords(text)
      // "Annex A 5.15", as spreadsheets write ISO/IEC 27001's A.5.15: the annex word before an annex letter and a number goes.
      .replace(/\b(?:annex|appendix)\s+(?=\p{L}[\s.]?\d)/gu, '')
      .replace(/\b(?:paragraphs?|paras?|points?)\b\.?/gu, ' ')
      .replace(/[()[\],§]/g, '.'),
  ).replace(/^\.+|\.+$/g, '').replace(/\.{2,}/g, '.');
