// Labelled incident facts on short excerpts of real news (the Reuters-21578 and BBC News sets and
// 2022 feed captures of the shared corpus): the scene's countries and the stated death and injury
// tolls as a reader would give them. Used by facts-cases.test.ts and bench/facts-accuracy.ts.
// `places: null` means the excerpt is not about an incident, so its scene is not judged.
// A toll counts only when the text states a number (or "a"/"an"/"one" person), as spec'd.

export interface FactsCase {
  /** Where the excerpt comes from: corpus set and record. */
  readonly from: string;
  readonly title: string;
  readonly body: string;
  /** ISO codes of the countries where it happened, or null when not judged. */
  readonly places: readonly string[] | null;
  readonly killed: number | null;
  readonly injured: number | null;
  /** What wirewatch gives today where it differs from the label (a known gap, kept visible). */
  readonly gap?: { readonly places?: readonly string[]; readonly killed?: number | null; readonly injured?: number | null };
}

const reuters = (id: number, title: string, body: string, places: readonly string[] | null, killed: number | null, injured: number | null, gap?: FactsCase['gap']): FactsCase => ({
  from: `reuters-21578 #${id}`, title, body, places, killed, injured, ...(gap === undefined ? {} : { gap }),
});
const bbc = (title: string, body: string, places: readonly string[] | null, killed: number | null, injured: number | null, gap?: FactsCase['gap']): FactsCase => ({
  from: 'bbc-news-2225', title, body, places, killed, injured, ...(gap === undefined ? {} : { gap }),
});
const feed = (title: string, body: string, places: readonly string[] | null, killed: number | null, injured: number | null, gap?: FactsCase['gap']): FactsCase => ({
  from: 'rowanmanning-sample-feeds (2022)', title, body, places, killed, injured, ...(gap === undefined ? {} : { gap }),
});

export const FACTS_CASES: readonly FactsCase[] = [
  reuters(243, 'IRAN CLAIMS NEW VICTORIES NEAR BASRA', "LONDON, March 1 - Iran said its forces had captured one of Iraq's strongest fortifications east of Basra on the Gulf War southern front in a major battle overnight. The Iranian National News Agency, received here, said Iranian forces smashed four Iraqi brigades, killed or wounded 1,500 Iraqi soldiers and destroyed 45 enemy tanks and personnel carriers.", ['IQ'], null, null),
  reuters(516, 'CANADA RULING ON U.S. CORN INJURY DUE THIS WEEK', 'WASHINGTON, March 2 - The Canadian government is expected to announce later this week its final ruling whether U.S. corn exports to Canada have injured Ontario corn growers, U.S. government and farm group representatives said.', null, null, null),
  reuters(1077, 'THREE KILLED IN SOUTH AFRICA ZINC REFINERY CLASH', 'JOHANNESBURG, March 3 - Three black workers were killed and seven injured in fighting at a South African zinc refinery last night, Gold Fields of South Africa Ltd said.', ['ZA'], 3, 7),
  reuters(2034, 'IRAQ SAYS IT CRUSHES NEW IRANIAN BASRA OFFENSIVE', 'BAGHDAD, March 5 - Iraq said its forces killed or wounded 15,000 Iranian Revolutionary Guards as they crushed a new Iranian offensive near the strategic port city of Basra.', ['IQ'], null, null),
  reuters(2073, 'S AFRICA MINE MANAGERS FACE CHARGES IN DISASTER', "JOHANNESBURG, March 5 - Seven managers and employees at General Mining Union Corp Ltd's Kinross Mines Ltd will face charges of culpable homicide following last year's disaster when 177 gold miners died, the Attorney General's Office said.", ['ZA'], 177, null),
  reuters(2267, 'PAKISTAN COMPLAINS ABOUT AFGHAN AIR RAIDS', 'UNITED NATIONS, March 5 - Pakistan complained to the United Nations today that planes from Afghanistan attacked Pakistani villages last Thursday and Friday, killing 90 people and wounding 230 others.', ['PK'], 90, 230),
  reuters(2944, '26 REPORTED DEAD IN FERRY DISASTER', 'ZEEBRUGGE, Belgium, March 6 - At least 26 people died when a car ferry struck a pier as it left Belgium for Britain, a nurse who took part in the rescue operation said.', ['BE'], 26, null),
  reuters(2967, 'SIX HURT IN SHOOTING AT SIKH TEMPLE IN AMRITSAR', 'CHANDIGARH, India, March 7 - Police and security forces entered the Golden Temple in Amritsar after six people including four policemen were wounded in a shooting incident in the complex, police said.', ['IN'], null, 6, { places: ['IN', 'US'] }),
  reuters(3650, 'CURFEW CLAMPED ON NIGERIAN STATE AFTER CLASHES', "LAGOS, March 11 - Nigeria's military government clamped a dusk-to-dawn curfew on northern Kaduna state and ordered all schools and colleges there closed after 11 people died in clashes between Moslems and Christians.", ['NG'], 11, null),
  reuters(3859, 'H.J. HEINZ <HNZ> ELECTS NEW CHAIRMAN', "PITTSBURGH, March 11 - H.J. Heinz Co said its board of directors has elected Anthony O'Reilly chairman of the board, succeeding Henry Heinz II, who died on February 23.", null, null, null),
  reuters(4040, "CHINA'S RAPESEED CROP DAMAGED BY STORMS", 'PEKING, March 12 - The yield on 46,000 hectares (ha) of rapeseed in central China will be cut by up to 70 pct by hailstorms and tornadoes. The storm, which lashed the Huai and Yangtze rivers and eastern Anhui province, left two people dead and 800 others injured.', ['CN'], 2, 800),
  reuters(4110, 'GEORGIAN AVALANCHES AND FLOODS BRING DEATHS', 'MOSCOW, March 12 - Avalanches, landslides and floods have killed almost 100 people since the start of the year in the Soviet Transcaucasian republic of Georgia, the official daily Sotsialisticheskaya Industriya said.', ['GE'], 100, null, { places: ['RU'] }),
  reuters(4602, 'FED DATA INDICATE NO POLICY CHANGE LIKELY', 'NEW YORK, March 12 - "The Fed is keeping policy at dead center and it is not about to change policy unless something fairly dramatic occurs on the economy," said John Williams of Bankers Trust Co.', null, null, null),
  reuters(5224, 'SOUTH CHINA STORMS KILL TWO, DAMAGE CROPS', 'HONG KONG, March 16 - Hailstorms and strong winds in south China killed two people, injured 20 and damaged an undisclosed amount of crops, a Hong Kong newspaper reported.', ['CN'], 2, 20),
  reuters(5275, '45 KILLED, 185 HURT IN CHINESE FACTORY BLAST', 'PEKING, March 16 - A huge explosion in a flax factory in the northeast China city of Harbin killed 45 workers and injured 185, the official China Legal News reported.', ['CN'], 45, 185),
  reuters(5289, '17 KILLED AFTER SOVIET DAM COLLAPSES', 'MOSCOW, March 16 - Seventeen people were killed and 22 are missing after a dam collapsed following heavy rains in Soviet Tadzhikistan, the official news agency Tass said.', ['TJ'], 17, null, { places: ['RU'] }),
  reuters(5881, 'SEVEN KILLED IN BLACK SOUTH AFRICAN TOWNSHIP', 'JOHANNESBURG, March 17 - Seven black youths were knifed and shot to death today in a mass killing in the South African township of KwaMashu near the Indian Ocean city of Durban, the government reported.', ['ZA'], 7, null),
  reuters(6336, 'ONE DEAD AS PHILIPPINE ARMY SCHOOL BOMBED', 'MANILA, March 18 - A bomb blast at the Philippine Military Academy killed at least one person and wounded about 40 during rehearsals for a weekend visit by President Corazon Aquino, military and hospital officials said.', ['PH'], 1, 40),
  reuters(6343, 'JAPAN EARTHQUAKE KILLS ONE, CUTS PHONE LINES', 'TOKYO, May 18 - A very strong earthquake which struck southwest Japan killed one person and injured at least three, cracked walls and cut telephone lines, authorities said.', ['JP'], 1, 3),
  reuters(6390, 'PHILIPPINE ARMY ACADEMY BOMBED', 'MANILA, March 18 - Suspected communist rebels bombed the Philippine Military Academy and injured at least 20 soldiers, many of them senior officers, the state-run Philippine News Agency (PNA) said.', ['PH'], null, 20),
  reuters(6838, 'EIGHT KILLED IN DJIBOUTI BLAST', "PARIS, March 18 - Eight people were killed and some 30 injured in a blast in a crowded cafe in the Red Sea port of Djibouti, a spokesman for the African country's main newspaper La Nation said.", ['DJ'], 8, 30),
  reuters(7550, 'REBEL AMBUSH KILLS 18 SOLDIERS IN PHILIPPINES', 'MANILA, March 20 - Communist rebels killed 18 soldiers on Mindanao island in the southern Philippines, the army said.', ['PH'], 18, null),
  reuters(7794, 'CHAD SAYS IT KILLED 384 LIBYANS IN BATTLE', 'PARIS, March 20 - Chadian troops killed 384 Libyans and captured 48 in fighting near the key Libyan air base of Ouadi Doum in northern Chad, a Chadian government statement said.', ['TD'], 384, null, { places: ['LY', 'TD'] }),
  reuters(8089, 'EXPLOSION AT BP OIL REFINERY IN SCOTLAND', 'GRANGEMOUTH, Scotland, March 22 - An explosion followed by a fire ripped through a British Petroleum (BP) oil refinery, killing one man.', ['GB'], 1, null),
  reuters(8181, 'CAPTAIN CHARGED IN AQUINO BOMBING', "BAGUIO, Philippines - Military authorities say an unnamed army captain has been arrested for involvement in last week's bombing of the Philippine Military Academy.", ['PH'], null, null),
  reuters(8679, 'BOMB EXPLODES AT BRITISH ARMY BASE, 30 INJURED', 'BONN, March 24 - A huge car bomb exploded at the headquarters of the British Army of the Rhine last night, injuring about 30 people just hours after British Prime Minister Margaret Thatcher left the West German capital.', ['DE'], null, 30),
  reuters(9179, 'PAKISTAN SAYS AFGHAN AIR RAID KILLED ALMOST 150', 'ISLAMABAD, March 25 - Almost 150 people were killed when Afghan aircraft raided a number of Pakistani villages on Monday, Pakistani officials said.', ['PK'], 150, null),
  reuters(9209, 'CHAD SAYS TROOPS KILLED 1,200 LIBYANS IN BATTLE', "N'DJAMENA, March 25 - Chad's military high command said today troops killed 1,269 Libyan soldiers in routing a 5,000-strong force to capture Tripoli's major air base in northern Chad on Sunday. The high command said 438 Libyans were taken prisoner, while 29 Chadian soldiers were killed and 58 wounded.", ['TD'], 1269, 58, { places: ['LY', 'TD'] }),
  reuters(9327, 'SOVIET PAPER DETAILS GEORGIAN FLOOD DAMAGE', 'MOSCOW, March 25 - Floods and avalanches killed 110 people and caused around 350 mln roubles worth of damage in the southern Soviet republic of Georgia earlier this year, the government daily Izvestia said.', ['GE'], 110, null, { places: ['RU'] }),
  reuters(9356, 'ARGENTINE PORT WORKERS TAKE INDUSTRIAL ACTION', 'BUENOS AIRES, March 25 - Argentine port workers began an indefinite protest against safety conditions at the port of Buenos Aires, a press spokesman said. He said three port workers had died over the last month in accidents.', ['AR'], 3, null),
  reuters(9584, 'SIX REPORTED WOUNDED IN ECUADOR GENERAL STRIKE', 'QUITO, March 25 - At least six persons, including three soldiers, were reported wounded at the start of a general strike in Ecuador called to press the government to suspend an earthquake-related austerity programme.', ['EC'], null, 6),
  reuters(9684, 'U.S. BANKS SEEN STEPPING UP SECURITIES ROLE', 'NEW YORK, March 25 - The Glass-Steagall Act separating banking and securities activities in the U.S. is all but dead following decisions by federal and state authorities, the chairman of Bankers Trust Co asserted.', null, null, null),
  reuters(9708, 'PACIFIC DUNLOP ANNOUNCES AIDS PROTECTION DISCOVERY', 'MELBOURNE, March 26 - Pacific Dunlop Ltd said studies by its latex-product unit have shown a commonly-used spermicidal cream kills the AIDS virus.', null, null, null),
  reuters(9713, 'VIOLENCE REPORTED IN ECUADOR GENERAL STRIKE', 'QUITO, March 26 - At least 14 people were injured and many arrested in clashes during a one-day general strike called by Ecuadorean workers to protest against austerity measures imposed after a major earthquake on March 5.', ['EC'], null, 14),
  reuters(9863, 'TUNISIA TO BREAK TIES WITH IRAN', 'TUNIS, March 26 - Tunisia has decided to break diplomatic relations with Iran, the foreign ministry said. A communique published by the official TAP news agency said the Iranian embassy in Tunis had been engaged in activities liable to disturb public order.', ['TN'], null, null),
  reuters(10645, 'SOUTH AFRICAN MINISTER SHOT, INJURED', "CAPE TOWN, March 29 - South Africa's Environmental Affairs Minister John Wiley has been injured in a shooting incident at his home, police said.", ['ZA'], null, null),
  reuters(10646, 'S. AFRICAN MINISTER DEAD', "JOHANNESBURG, March 29 - South Africa's Environmental Affairs Minister John Wiley died today in an apparent suicide attempt, police said.", ['ZA'], null, null),
  reuters(11389, 'U.S. ADVISER SAID DEAD IN SALVADOR RAID', 'SAN SALVADOR, March 31 - At least 40 soldiers and guerrillas including a U.S. military adviser died today in a major battle in northern El Salvador, military sources said.', ['SV'], 40, null),
  reuters(11766, 'BRAZILIAN FARMERS STAGE FRESH PROTESTS', "SAO PAULO, March 31 - Brazilian farmers, angry about high interest rates, staged fresh protests yesterday in the southern state of Rio Grande do Sul and three people died when a lorry careered into one of the farmers' roadblocks, police said.", ['BR'], 3, null),
  reuters(12633, 'NORANDA <NOR> COPPER MINE BLAZE KILLS ONE', 'MURDOCHVILLE, Que., April 2 - One miner has died and 44 miners remain trapped a half mile underground in a fire at a Noranda Inc copper mine, officials said.', ['CA'], 1, null, { places: [] }),
  reuters(12641, "NORANDA'S MURDOCHVILLE MINE SHUT DOWN BY FIRE", 'Toronto, April 2 - Noranda Inc said production at its Murdochville, Quebec, copper mine was shut down by the fire that trapped 44 miners and killed at least one.', ['CA'], 1, null),
  reuters(13044, 'IBM <IBM> NEWLY NAMED SECRETARY DIES IN FIRE', 'ARMONK, N.Y., APril 3 - International Business Machines Corp said recently elected secretary, John Manningham, and his wife, Patricia, died early this morning in a fire at their Ridgefield, Conn home.', ['US'], null, null, { places: [] }),
  reuters(13067, 'ADM GRAIN ELEVATOR EXPLODES IN BURLINGTON, IOWA', 'CHICAGO, April 3 - A grain elevator in Burlington, Iowa, exploded today, leaving five injured.', ['US'], null, 5),
  reuters(13248, 'INDONESIAN AIRLINER CRASH KILLS 27 PEOPLE', 'JAKARTA, April 5 - Twenty-seven people were killed and 18 injured when an Indonesian airliner flew into electricity lines and tumbled to the ground in an explosive ball of fire, airport officials said.', ['ID'], 27, 18),
  reuters(13249, 'JAL PLANE CRASH THOUGHT DUE TO BOEING <BA.N> FAULT', 'TOKYO, April 5 - Boeing Co is the manufacturer of the Japan Air Lines 747 jumbo jet which crashed into a mountain in Japan on August 12, 1985, killing 520 people.', ['JP'], 520, null),
  reuters(13527, 'IRAQ SAYS IRAN OFFENSIVE ON SOUTHERN FRONT CHECKED', 'BAGHDAD, April 7 - Iraq said today its troops had killed thousands of Iranians in checking a new Tehran offensive on their southern war front.', ['IQ'], null, null, { places: ['IR'] }),
  reuters(15443, 'SOVIET UNION ACCUSES U.S. OF SPYING', 'MOSCOW, April 9 - Diagrams and photographs displayed at the news conference showed devices allegedly found in the Soviet embassy in Washington, the consulate in San Francisco and in other locations.', ['US'], null, null),
  reuters(20532, 'LAWSON SAYS UK INTEREST RATE PROSPECTS UNCHANGED', "LONDON, Oct 20 - Lawson's comments followed another frantic day in London's financial center, where British shares closed 12.2 pct down on the day.", ['GB'], null, null),

  bbc('Thailand relief', 'Scrichapan said he would donate an unspecified amount for relief work in Thailand, where more than 5,000 people were killed.', ['TH'], 5000, null),
  bbc('Tsunami toll', 'The tragedy has left at least 25,000 people dead, with Sri Lanka, Thailand, India and Indonesia worst hit.', ['LK', 'TH', 'IN', 'ID'], 25000, null, { places: ['IN', 'TH'] }),
  bbc('Ivory Coast unrest', "Trouble flared after nine French peacekeepers were killed and President Jacques Chirac ordered the destruction of the Ivory Coast's air force.", ['CI'], 9, null),
  bbc('Stadium blast', 'A car bomb exploded in a street outside the stadium and 17 people were slightly injured.', null, null, 17),
  bbc('Net cafe laws', 'Laws on net cafe opening hours and who can use them were introduced in 2002 following a fire at one cafe that killed 25 people.', null, 25, null),
  bbc('Rap star jailed', 'In 2003, C-Murder was found guilty of killing a 16-year-old in a nightclub, but that decision was thrown out last April.', null, 1, null),
  bbc('Burglar case', 'The issue entered the public spotlight when Norfolk farmer Tony Martin was jailed for shooting dead a 16-year-old burglar in 1999 as he ran away from the farm.', ['GB'], 1, null),
  bbc('Hunting ban', 'Some 270 hunts met legally on Saturday killing a total of 91 foxes - only four were accidentally killed by hounds.', null, null, null),
  bbc('Davis Cup', 'Mardy Fish beat Tommy Robredo 7-6 (8-6) 6-2 in the final dead rubber to cut Spain\'s winning margin to 3-2.', null, null, null),
  bbc('Free party', 'One man also died of a heart attack, and a woman fell to her death during the free party.', null, 1, null),
  bbc('Hurricane Mitch', 'Mitch killed about 10,000 people and caused damage of about $10bn in 1998.', null, 10000, null),
  bbc('Rwanda film', 'About 800,000 Tutsis and moderate Hutus were killed by Hutu militias after the assassination of an ethnic Hutu leader.', [], 800000, null),

  feed('Ukraine war: Russian missile tears hole through Mykolaiv administrative building', 'Ukrainian authorities said at least seven people have died in the attack.', ['UA'], 7, null, { places: [] }),
  feed('Three People Have Been Arrested After A Chaotic Shootout In Downtown Sacramento Left 6 People Dead', 'Officials also identified three men and three women ages 21 to 57 as those killed.', ['US'], 6, null),
  feed('Russian mercenaries and Mali army accused of killing 300 civilians', 'Human Rights Watch says deaths during anti-jihadist operation in Moura ‘the worst atrocity in Mali in a decade’', ['ML'], 300, null),
  feed('More Than 300 Dogs Found Dead In Ukraine Shelter After Weeks Without Food Or Water', 'Another disturbing video reportedly shows pets who were shot to death in a Ukrainian village near Kyiv.', ['UA'], null, null),
  feed('In the rubble of a town near Kyiv, many are missing and feared dead.', '', ['UA'], null, null),
  feed('The Ukrainian mother who had to bury her own son', "Iryna Kostenko tells the BBC's Jeremy Bowen how Russian soldiers killed her 27-year-old son and took over her home.", ['UA'], 1, null, { places: [] }),
  feed('Woman died after hobby horse costume hit her in Cornwall, inquest hears', 'A woman died after being struck by a traditional hobby horse costume during a May Day celebration in Cornwall, an inquest has heard.', ['GB'], 1, null),
  feed('‘Heroic’ neighbour died in kettlebell attack saving two-year-old', 'A “heroic” neighbour who sacrificed his life to save a two-year-old boy died after being repeatedly hit with a kettlebell, a coroner has said.', null, 1, null),
  feed('Ukraine war: Digging a grave for my stepfather, killed in Mariupol', 'Viktoria’s stepfather died when the car taking him to hospital was blown up during fighting in Mariupol.', ['UA'], 1, null, { killed: null }),
];
