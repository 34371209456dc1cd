// The business's map and route settings: defaults for older documents, and refusals that say what to fix.
import { describe, expect, it } from 'vitest';
import {
  businessConfigSchema,
  mapSettingsOf,
  MAP_SETTINGS_DEFAULTS,
} from '../../../shared/schemas';

/** The messages of a refused config, by field. */
function refusal(config: Record<string, unknown>): Record<string, string> {
  const result = businessConfigSchema.safeParse(config);
  expect(result.success).toBe(false);
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('map and route settings', () => {
  it('gives OpenStreetMap, × 1.3 and 40 km/h to a config saved without them', () => {
    const config = businessConfigSchema.parse({ min_gap_between_jobs_minutes: 15 });
    expect(config).toMatchObject({
      map_tile_url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      map_tile_attribution: '© OpenStreetMap contributors',
      route_road_factor: 1.3,
      route_average_speed_kmh: 40,
    });
    expect(mapSettingsOf({ min_gap_between_jobs_minutes: 15 })).toEqual(MAP_SETTINGS_DEFAULTS);
    expect(mapSettingsOf(undefined)).toEqual(MAP_SETTINGS_DEFAULTS);
  });

  it('keeps valid settings, trimming the URL', () => {
    const config = businessConfigSchema.parse({
      map_tile_url: '  https://{s}.tiles.example.com/base/{z}/{x}/{y}@2x.png?key=abc ',
      map_tile_attribution: '© Example Maps',
      route_road_factor: 1,
      route_average_speed_kmh: 130,
    });
    expect(config.map_tile_url).toBe(
      'https://{s}.tiles.example.com/base/{z}/{x}/{y}@2x.png?key=abc',
    );
    expect(config.route_road_factor).toBe(1);
    expect(config.route_average_speed_kmh).toBe(130);
  });

  it('refuses a tile URL without {z}, {x} or {y}, naming what is missing', () => {
    expect(refusal({ map_tile_url: 'https://tiles.example.com/{z}/{x}.png' })).toEqual({
      map_tile_url: 'The tile URL must contain {z}, {x} and {y} (missing {y}).',
    });
    expect(refusal({ map_tile_url: 'https://tiles.example.com/tile.png' })).toEqual({
      map_tile_url: 'The tile URL must contain {z}, {x} and {y} (missing {z}, {x}, {y}).',
    });
  });

  it('refuses a tile URL that is not an https address', () => {
    const message =
      'The tile URL must be a web address starting with https:// (maps load tiles only over https).';
    expect(refusal({ map_tile_url: 'ftp://tiles.example.com/{z}/{x}/{y}.png' })).toEqual({
      map_tile_url: message,
    });
    expect(refusal({ map_tile_url: 'http://tiles.example.com/{z}/{x}/{y}.png' })).toEqual({
      map_tile_url: message,
    });
    expect(refusal({ map_tile_url: 'tiles/{z}/{x}/{y}.png' })).toEqual({ map_tile_url: message });
    expect(refusal({ map_tile_url: 'javascript:alert(1)//{z}{x}{y}' })).toEqual({
      map_tile_url: message,
    });
    expect(refusal({ map_tile_url: '' }).map_tile_url).toMatch(/^Enter the tile server's URL/);
  });

  it('refuses a speed or road factor out of range with the allowed range', () => {
    expect(refusal({ route_average_speed_kmh: 4 })).toEqual({
      route_average_speed_kmh: 'The average speed must be between 5 and 130 km/h.',
    });
    expect(refusal({ route_average_speed_kmh: 131 })).toEqual({
      route_average_speed_kmh: 'The average speed must be between 5 and 130 km/h.',
    });
    expect(refusal({ route_average_speed_kmh: Number.NaN })).toEqual({
      route_average_speed_kmh: 'Enter the average speed in km/h as a number, e.g. 40.',
    });
    expect(refusal({ route_road_factor: 0.9 })).toEqual({
      route_road_factor: 'The road factor must be between 1.0 and 3.0.',
    });
    expect(refusal({ route_road_factor: 3.5 })).toEqual({
      route_road_factor: 'The road factor must be between 1.0 and 3.0.',
    });
  });

  it('reads an unusable stored value as its default rather than failing the map', () => {
    expect(
      mapSettingsOf({
        map_tile_url: 'not a url',
        route_average_speed_kmh: 500,
        route_road_factor: 2,
      }),
    ).toEqual({ ...MAP_SETTINGS_DEFAULTS, route_road_factor: 2 });
  });
});
