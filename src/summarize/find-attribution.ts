// Who is blamed for an incident or claimed it, when the text says so: "claimed by Islamic
// State", "unclaimed; blamed by Washington on Shiite paramilitary groups backed by Iran".

const MAX_ACTOR_WORDS = 9;
const MAX_CHARS = 120;

// The actor phrase after a trigger ends at a clause boundary.
const ACTOR = String.raw`((?:(?!\s(?:who|whose|which|that|for|after|since|because|over|in the|of the attack|as|when|while|and said)\s)[^,.;:!?()"“”])+)`;
const UNCLAIMED = /\b(?:none (?:has|have|had) been claimed|no (?:group|one|organi[sz]ation)(?: \w+)? (?:has |had |immediately )*claimed|(?:has|have|had) not been claimed|not (?:yet |immediately )?claimed|unclaimed|without (?:any )?claim of responsibility)/i;
const CLAIMED_SUBJECT = /\b((?:the )?[A-Z][\w'’-]*(?: (?:[A-Z][\w'’-]*|of|al|el|the))*) (?:has |have |had |later |quickly |swiftly )*claimed (?:the )?responsibility/;
const CLAIMED_BY = new RegExp(String.raw`\bresponsibility (?:was|has been|had been) claimed by ${ACTOR}`, 'i');
const BLAMED_ON = new RegExp(String.raw`\b(?:blamed|blames|blaming|attributed|attributes|attributing|pinned)\b(?: (?!on\b|to\b)[\w'’-]+){0,3}? (?:on|to) ${ACTOR}`, 'i');
const BLAMED_OBJECT = new RegExp(String.raw`\b(?:blamed|blames|blaming|accused|accuses|accusing) (?!(?:it|them|this|the (?:attack|attacks|blast|bombing)) (?:on|to)\b)${ACTOR}? for (?:the |this )?(?:attack|attacks|blast|bombing|strike|incident|explosion|killing)`, 'i');
const BLAMER = /([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)(?: (?:has|have|had|also|quickly|has long|has repeatedly))* (?:blamed|blames|attributed|attributes|accused|accuses|pinned)\b/;

const INSTITUTION_BLAMER = /\b(?:the )?(government|authorities|police|army|military|prosecutors|investigators|ministry)(?: (?:has|have|had|also))* (?:blamed|blames|attributed|attributes|accused|accuses)\b/i;

export function findAttribution(sentences: readonly string[]): string | null {
  let unclaimed = false;
  let claim: string | null = null;
  let blame: string | null = null;
  for (const s of sentences) {
    if (UNCLAIMED.test(s)) unclaimed = true;
    claim ??= actor(CLAIMED_BY.exec(s)?.[1]) ?? claimSubject(s);
    if (blame === null) {
      const target = actor(BLAMED_ON.exec(s)?.[1]) ?? actor(BLAMED_OBJECT.exec(s)?.[1]);
      if (target !== null) {
        const by = blamer(s);
        blame = by !== null ? `blamed by ${by} on ${target}` : `blamed on ${target}`;
      }
    }
  }
  const parts: string[] = [];
  if (claim !== null) parts.push(`claimed by ${claim}`);
  else if (unclaimed) parts.push('unclaimed');
  if (blame !== null) parts.push(blame);
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS - 1).replace(/\s+\S*$/, '')}…`;
}

/** Who blames: a proper name ("Washington"), or a common subject written lower-case ("officials"). */
function blamer(sentence: string): string | null {
  const institution = INSTITUTION_BLAMER.exec(sentence)?.[1];
  if (institution !== undefined) return `the ${institution.toLowerCase()}`;
  const by = BLAMER.exec(sentence)?.[1];
  if (by === undefined || /^(?:The|It|This|He|She|They|Which|But|And)$/.test(by)) return null;
  return /^(?:Officials|Police|Authorities|Investigators|Witnesses|Residents|Analysts|Prosecutors)$/.test(by) ? by.toLowerCase() : by;
}

function claimSubject(sentence: string): string | null {
  const m = CLAIMED_SUBJECT.exec(sentence);
  if (m?.[1] === undefined || /^(?:No|Nobody|None|It|The)$/i.test(m[1])) return null;
  return actor(m[1]);
}

/** Trims an actor phrase: no leading article, at most a few words. */
function actor(phrase: string | undefined): string | null {
  if (phrase === undefined) return null;
  const words = phrase.trim().replace(/^(?:the|an?)\s+/i, '').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_ACTOR_WORDS) return words.length === 0 ? null : `${words.slice(0, MAX_ACTOR_WORDS).join(' ')}…`;
  return words.join(' ');
}
