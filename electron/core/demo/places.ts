// Real neighbourhoods, ZIP codes and street names of the two demo metros, so demo clients land on believable map spots.

export interface Area {
  city: string;
  zip: string;
  lat: number;
  lng: number;
  /** Relative share of the metro's clients. */
  weight: number;
}

export interface Metro {
  state: string;
  center: { lat: number; lng: number };
  areaCodes: readonly string[];
  areas: readonly Area[];
  streets: readonly string[];
}

/** Birmingham, AL: all areas within ~20 km of downtown (33.5186, -86.8104). */
export const BIRMINGHAM: Metro = {
  state: 'AL',
  center: { lat: 33.5186, lng: -86.8104 },
  areaCodes: ['205', '659'],
  areas: [
    { city: 'Birmingham', zip: '35205', lat: 33.495, lng: -86.808, weight: 3 },
    { city: 'Birmingham', zip: '35222', lat: 33.5235, lng: -86.7716, weight: 3 },
    { city: 'Birmingham', zip: '35213', lat: 33.5007, lng: -86.7522, weight: 4 },
    { city: 'Homewood', zip: '35209', lat: 33.4718, lng: -86.8008, weight: 5 },
    { city: 'Vestavia Hills', zip: '35216', lat: 33.4487, lng: -86.7878, weight: 5 },
    { city: 'Vestavia Hills', zip: '35243', lat: 33.444, lng: -86.734, weight: 4 },
    { city: 'Mountain Brook', zip: '35223', lat: 33.487, lng: -86.735, weight: 4 },
    { city: 'Hoover', zip: '35226', lat: 33.404, lng: -86.835, weight: 4 },
    { city: 'Hoover', zip: '35244', lat: 33.354, lng: -86.826, weight: 3 },
    { city: 'Birmingham', zip: '35242', lat: 33.4123, lng: -86.6725, weight: 3 },
    { city: 'Irondale', zip: '35210', lat: 33.538, lng: -86.7072, weight: 2 },
    { city: 'Trussville', zip: '35173', lat: 33.6198, lng: -86.6089, weight: 3 },
    { city: 'Center Point', zip: '35215', lat: 33.6457, lng: -86.6836, weight: 2 },
    { city: 'Tarrant', zip: '35217', lat: 33.5834, lng: -86.7727, weight: 1 },
    { city: 'Fultondale', zip: '35068', lat: 33.6048, lng: -86.7939, weight: 1 },
    { city: 'Gardendale', zip: '35071', lat: 33.6601, lng: -86.8128, weight: 2 },
    { city: 'Fairfield', zip: '35064', lat: 33.4857, lng: -86.9114, weight: 1 },
    { city: 'Bessemer', zip: '35020', lat: 33.4018, lng: -86.9544, weight: 1 },
    { city: 'Hueytown', zip: '35023', lat: 33.4512, lng: -86.9967, weight: 1 },
  ],
  streets: [
    'Oak Ave',
    'Cahaba Rd',
    'Canterbury Rd',
    'Shades Crest Rd',
    'Montgomery Hwy',
    'Lakeshore Dr',
    'Highland Ave',
    'Clairmont Ave',
    'Oxmoor Rd',
    'Valley Ave',
    'Columbiana Rd',
    'Overton Rd',
    'Dolly Ridge Rd',
    'Old Montgomery Hwy',
    'Savoy St',
    'Broadway St',
    'Magnolia Ave',
    'Park Ln',
    'Crestline Dr',
    'Mountain Ave',
    'Pine Ridge Rd',
    'Dogwood Ln',
    'Chestnut St',
    'Ridge Rd',
    'Valleydale Rd',
    'Rocky Ridge Rd',
    'Tyler Rd',
    'Hickory St',
  ],
};

/** Denver, CO: city neighbourhoods and inner suburbs. */
export const DENVER: Metro = {
  state: 'CO',
  center: { lat: 39.7392, lng: -104.9903 },
  areaCodes: ['303', '720'],
  areas: [
    { city: 'Denver', zip: '80206', lat: 39.717, lng: -104.953, weight: 3 },
    { city: 'Denver', zip: '80210', lat: 39.678, lng: -104.962, weight: 3 },
    { city: 'Denver', zip: '80211', lat: 39.766, lng: -105.02, weight: 3 },
    { city: 'Denver', zip: '80220', lat: 39.733, lng: -104.918, weight: 2 },
    { city: 'Lakewood', zip: '80226', lat: 39.71, lng: -105.08, weight: 2 },
    { city: 'Aurora', zip: '80012', lat: 39.699, lng: -104.837, weight: 2 },
    { city: 'Englewood', zip: '80110', lat: 39.648, lng: -105.0, weight: 2 },
    { city: 'Arvada', zip: '80003', lat: 39.827, lng: -105.065, weight: 2 },
    { city: 'Littleton', zip: '80120', lat: 39.599, lng: -105.013, weight: 1 },
  ],
  streets: [
    'S Pearl St',
    'E 7th Ave',
    'Tennyson St',
    'S Gaylord St',
    'E Colfax Ave',
    'W 38th Ave',
    'S Downing St',
    'Kipling St',
    'Wadsworth Blvd',
    'E Iliff Ave',
    'S University Blvd',
    'Lowell Blvd',
    'E Evans Ave',
    'Federal Blvd',
  ],
};

/** Straight-line distance in km (haversine), to keep demo points within the metro. */
export function distanceKm(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
