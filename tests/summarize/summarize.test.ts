// Extractive summaries: the sentences that carry the incident (the matched one always), in article
// order, no datelines/bylines/page headers/boilerplate/debris, ≤ 600 chars.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SUMMARY_MAX_CHARS, summarize, truncate } from '../../src/summarize/summarize.ts';
import { articleSentences } from '../../src/summarize/article-sentences.ts';
import { splitWords } from '../../src/text/words.ts';
import { CAR_BOMB_SENTENCES, CAR_BOMB_TITLE } from './car-bomb-article.ts';

const kirkuk = readFileSync(new URL('../fixtures/articles/kirkuk-contractor-paraphrase.txt', import.meta.url), 'utf8');

describe('summarize', () => {
  it('gives the lead and the detail sentence of the Kirkuk report, without dateline or debris', () => {
    const summary = summarize({ title: 'Rocket attack in Iraq kills US contractor', body: kirkuk });
    expect(summary).toBe(
      'A rocket strike on a military base in northern Iraq killed an American civilian contractor and wounded several service members on Friday, the US-led coalition fighting the Islamic State group said. ' +
        '"An American civilian contractor was killed and several US service members and Iraqi personnel were wounded when rockets hit an Iraqi military base in Kirkuk," the coalition said in a statement.',
    );
  });

  it('adds the sentence where the rule matched when it is not the lead', () => {
    const start = splitWords(kirkuk).findIndex((w) => w.text === 'baghdad');
    const summary = summarize({ title: 't', body: kirkuk, matchedSentenceHint: { field: 'body', start } });
    expect(summary).toMatch(/^A rocket strike .* group said\. Washington has asked Baghdad to do more to protect US personnel and facilities\.$/);
  });

  it('ignores a hint into the title or past the end', () => {
    const plain = summarize({ title: 't', body: kirkuk });
    expect(summarize({ title: 't', body: kirkuk, matchedSentenceHint: { field: 'title', start: 0 } })).toBe(plain);
    expect(summarize({ title: 't', body: kirkuk, matchedSentenceHint: { field: 'body', start: 99_999 } })).toBe(plain);
    expect(summarize({ title: 't', body: kirkuk, matchedSentenceHint: null })).toBe(plain);
  });

  it.each<[string, string]>([
    ['BAGHDAD (Reuters) - A bomb exploded in a market, killing four people and injuring many more in the city.', 'A bomb exploded'],
    ['LONDON, Dec 27 - Shares in the company fell sharply on Friday after it cut its profit forecast again.', 'Shares in'],
    ['Baghdad, Dec. 27 (Reuters) - Rockets hit a base housing US troops in the north of the country overnight.', 'Rockets hit'],
    [' date 2019-12-27 A rocket attack in northern Iraq killed an American contractor on Friday.', 'A rocket attack'],
    ['(CNN)Firefighters battled a blaze at a chemical plant near the river through the night.', 'Firefighters battled'],
    ['Springfield (CNN)Firefighters battled a blaze at a chemical plant near the river through the night.', 'Firefighters battled'],
    ['By . Jane Roe . PUBLISHED: . 10:02 EST, 4 May 2014 . | . UPDATED: . 11:40 EST, 4 May 2014 . Firefighters battled a blaze at a plant.', 'Firefighters battled'],
    ['By . Jane Roe . and John Doe . Last updated at 9:05 AM on 2nd May 2011 . Firefighters battled a blaze at a plant.', 'Firefighters battled'],
    ['By . Staff Reporter . Firefighters battled a blaze at a chemical plant near the river through the night.', 'Firefighters battled'],
  ])('drops the dateline of %j', (body, start) => {
    expect(summarize({ title: 't', body })).toMatch(new RegExp(`^${start}`));
  });

  it('drops bylines, "Plus:", read-more and share lines, and translation debris', () => {
    const body = [
      'By Jane Doe',
      'Flooding cut off three villages in the valley on Sunday, officials said,quot;.',
      'Plus:',
      'Read more: How the valley flooded',
      'Share this article',
      'Subscribe to our newsletter',
    ].join('\n');
    expect(summarize({ title: 't', body })).toBe('Flooding cut off three villages in the valley on Sunday, officials said".');
  });

  it('uses the budget for the sentences that carry the incident, whole and in article order', () => {
    const body = CAR_BOMB_SENTENCES;
    const summary = summarize({ title: CAR_BOMB_TITLE, body: body.join(' ') });
    expect(summary).toContain(body[3]);
    expect(summary).not.toContain('What happened next?');
    const used = body.filter((s) => summary.includes(s));
    expect(used.join(' ')).toBe(summary);
  });

  it('falls back to the title when the body has no sentence', () => {
    expect(summarize({ title: '  Rocket   attack in Kirkuk ', body: 'Share this article' })).toBe('Rocket attack in Kirkuk');
  });

  it('cuts a long lead at a word, with an ellipsis', () => {
    const lead = `A ${'very '.repeat(200)}long sentence.`;
    const summary = summarize({ title: 't', body: lead });
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(summary.endsWith('very…')).toBe(true);
  });

  it('is plain text of at most 600 characters, made of the body’s own words', () => {
    const sentence = fc
      .array(fc.constantFrom('Rockets', 'hit', 'a', 'base', 'in', 'Kirkuk', 'U.S.', 'Dec.', 'killing', '11', 'people', 'http://x.y/z', '—'), { minLength: 1, maxLength: 40 })
      .map((w) => `${w.join(' ')}.`);
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 30 }), fc.constantFrom(' ', '\n'), fc.string(), (sentences, separator, title) => {
        const body = sentences.join(separator);
        const summary = summarize({ title, body });
        expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
        expect(summary).not.toMatch(/\s\s|\n/);
      }),
    );
  });
});

describe('truncate', () => {
  it.each<[string, number, string]>([
    ['short', 10, 'short'],
    ['one two three four', 12, 'one two…'],
    ['one two, three four', 12, 'one two…'],
    ['abcdefghijklmnop', 8, 'abcdefg…'],
  ])('%j to %d → %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
    expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });
});

describe('articleSentences', () => {
  it('keeps offsets into the original body across removed debris', () => {
    for (const s of articleSentences(kirkuk)) expect(s.end).toBeGreaterThan(s.start);
    const sentences = articleSentences(kirkuk);
    expect(sentences.map((s) => s.text)).not.toContain('Plus:');
    expect(sentences.some((s) => s.text.includes('UU.') || s.text.includes('quot;'))).toBe(false);
    expect(sentences.find((s) => s.text.startsWith('He said this month'))).toBeDefined();
  });

  it('joins hard-wrapped wire lines and keeps indented paragraphs apart', () => {
    const body = [
      'Showers continued throughout the week in the Bahia cocoa zone,',
      'alleviating the drought since early January and improving',
      'prospects for the coming temporao, although normal humidity',
      'levels have not been restored, the weekly review said.',
      '    The dry period means the temporao will be late this',
      'year, and arrivals for the week ended February 22 were',
      '155,221 bags of 60 kilos.',
    ].join('\n');
    expect(articleSentences(body).map((s) => s.text)).toEqual([
      'Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, although normal humidity levels have not been restored, the weekly review said.',
      'The dry period means the temporao will be late this year, and arrivals for the week ended February 22 were 155,221 bags of 60 kilos.',
    ]);
  });
});
