// Hand table of places that matter in the news but are missing from (or oddly named in) the
// packaged data: disputed or informal regions, and the everyday English names of countries.

/** Everyday English names and demonyms the packages lack, by ISO 3166-1 alpha-2 code. */
export const EXTRA_COUNTRY_NAMES: Readonly<Record<string, readonly string[]>> = {
  GB: ['Britain', 'U.K.'],
  US: ['U.S.', 'U.S.A.', 'America'],
  TR: ['Turkey'],
  CZ: ['Czech Republic'],
  TL: ['East Timor'],
  SZ: ['Swaziland'],
  MK: ['Macedonia'],
  CV: ['Cape Verde'],
  CG: ['Congo-Brazzaville'],
  VA: ['Vatican'],
  KR: ['Korea'],
  AE: ['Emirates'],
  PS: ['Palestinian Territories', 'Palestinian territories'],
};

export const EXTRA_DEMONYMS: Readonly<Record<string, readonly string[]>> = {
  GB: ['Briton', 'Britons', 'Brits'],
  SA: ['Saudi', 'Saudis'],
  NL: ['Dutchman'],
  PH: ['Filipinos'],
  TR: ['Turks'],
  IL: ['Israelis'],
  PS: ['Palestinians'],
  AF: ['Afghans'],
  CN: ['Chinese'],
};

/** Canonical display names where the package's common name is not the usual English one. */
export const COUNTRY_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  TR: 'Turkey',
};

export interface ExtraRegion {
  readonly name: string;
  readonly country: string;
}

/**
 * Regions named in news under names the ISO 3166-2 list spells otherwise (or lacks). Where a
 * name covers land claimed by several states, one row per state: the gazetteer keeps both.
 */
export const EXTRA_REGIONS: readonly ExtraRegion[] = [
  { name: 'Kurdistan', country: 'IQ' },
  { name: 'Iraqi Kurdistan', country: 'IQ' },
  { name: 'Kurdistan Region', country: 'IQ' },
  { name: 'Anbar', country: 'IQ' },
  { name: 'Nineveh', country: 'IQ' },
  { name: 'Salahuddin', country: 'IQ' },
  { name: 'Salah al-Din', country: 'IQ' },
  { name: 'Gaza', country: 'PS' },
  { name: 'Gaza Strip', country: 'PS' },
  { name: 'West Bank', country: 'PS' },
  { name: 'Donbas', country: 'UA' },
  { name: 'Donbass', country: 'UA' },
  { name: 'Crimea', country: 'UA' },
  { name: 'Luhansk', country: 'UA' },
  { name: 'Zaporizhzhia', country: 'UA' },
  { name: 'Darfur', country: 'SD' },
  { name: 'Sinai', country: 'EG' },
  { name: 'Golan Heights', country: 'SY' },
  { name: 'Tigray', country: 'ET' },
  { name: 'Nagorno-Karabakh', country: 'AZ' },
  { name: 'Balochistan', country: 'PK' },
  { name: 'Baluchistan', country: 'PK' },
  { name: 'Kashmir', country: 'IN' },
  { name: 'Kashmir', country: 'PK' },
  { name: 'Xinjiang', country: 'CN' },
  { name: 'Tibet', country: 'CN' },
  { name: 'Chechnya', country: 'RU' },
  { name: 'Dagestan', country: 'RU' },
  { name: 'Siberia', country: 'RU' },
  { name: 'Rakhine', country: 'MM' },
  { name: 'Mindanao', country: 'PH' },
  { name: 'Idlib', country: 'SY' },
];

export interface ExtraCity {
  readonly name: string;
  readonly country: string;
  readonly population: number;
}

/** Usual English spellings of large cities that GeoNames names otherwise. */
export const EXTRA_CITIES: readonly ExtraCity[] = [
  { name: 'Basra', country: 'IQ', population: 1_300_000 },
  { name: 'Basrah', country: 'IQ', population: 1_300_000 },
  { name: 'Kiev', country: 'UA', population: 2_797_553 },
  { name: 'Odessa', country: 'UA', population: 1_000_000 },
  { name: 'Fallujah', country: 'IQ', population: 250_000 },
  { name: 'Falluja', country: 'IQ', population: 250_000 },
  { name: 'Sanaa', country: 'YE', population: 1_937_451 },
  // GeoNames calls it "Newcastle upon Tyne"; built-up area population (ONS), so it outranks
  // Newcastle (ZA, 405k) and Newcastle (AU, 308k) as it does in British news.
  { name: 'Newcastle', country: 'GB', population: 774_000 },
];
