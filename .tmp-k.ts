import { splitSentences } from './src/summarize/split-sentences.ts';
for (const t of [
  'The U.S. Embassy was hit on Dec. 27. Gen. Smith said No. 5 was fine. It cost 5.93 mln dollars! Really? Yes.',
  'George W. Bush met Mr. Blair. "We agreed," he said. Then they left...',
  'A senior US military official. UU. He said this.\nPlus:\nNext para.',
  'He left at 10 a.m. Police arrived.',
]) console.log(splitSentences(t).map((s) => s.text));
