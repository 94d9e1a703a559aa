// Words that say nothing about which event a headline reports: English function words and
// newsroom filler ("live", "latest", "says"). Compared after folding (see src/text/fold.ts).

const WORDS = `
a about above after again against ago all also am amid an and another any are around as at away
back be became because been before being below between both but by can could did do does doing
done down during each either even ever every few for from further get gets got had has have having
he her here hers herself him himself his how however i if in into is it its itself just last least
less like made make many may me might more most much must my myself near new next no nor not now of
off on once one only or other our ours ourselves out over own per quite rather s said say saying
says see seen she should since so some still such than that the their theirs them themselves then
there these they this those though through to too under until up upon very via was we were what
when where whether which while who whom whose why will with within without would yet you your yours
yourself yourselves
live latest update updates breaking news video watch watching listen podcast photos pictures
today tonight yesterday tomorrow week weekend day days year years month months morning evening night
monday tuesday wednesday thursday friday saturday sunday first second third report reports reported
reportedly according told tell tells two three four five six seven eight nine ten
`;

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/u).filter((w) => w.length > 0));
