import { findAttribution } from './src/summarize/find-attribution.ts';
for (const t of [
  'US interests in Iraq have been affected by a series of rocket attacks since the end of October that have not been claimed, but which Washington attributed to the Shiite paramilitary groups backed by Iran, who have a growing influence in the country.',
  'The attack was blamed on Iran-backed groups.',
  'Islamic State claimed responsibility for the bombing.',
  'No group has claimed responsibility for the attack.',
  'The Taliban claimed responsibility.',
  'Officials blamed the attack on al-Shabab militants.',
  'Washington accused Tehran for the attack.',
  'He said the weather was fine.',
  'Responsibility was claimed by the Pakistani Taliban, officials said.',
]) console.log(JSON.stringify(findAttribution([t])), '<=', t.slice(0, 70));
