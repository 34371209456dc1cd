// The server side of the weather benchmark (bench/support/server.ts) with the local fake of the
// weather providers' APIs as the forecast source, and the benchmark's 50 businesses.
import { startFakeWeather, type FakeWeather } from '../../tests/support/fake-weather';
import { metroOf, rainSpells, seedWeatherWorld, type SeededWorld } from './weather-data';
import { startBenchServer, type BenchServer } from './server';

export interface WeatherBench {
  server: BenchServer<SeededWorld>;
  weather: FakeWeather;
  close(): Promise<void>;
}

export async function startWeatherBench(
  businesses: number,
  progress: (line: string) => void = () => undefined,
): Promise<WeatherBench> {
  const now = new Date();
  // Mild and dry everywhere (the fake's default) but for the rain spell; each place answered in
  // its metro's time zone, as Open-Meteo's `timezone` would be looked up.
  const weather = await startFakeWeather({
    timeZone: (place) => metroOf(place).timeZone,
    spells: rainSpells(now),
  });
  try {
    const server = await startBenchServer({
      name: 'bench_weather',
      seed: (db) => seedWeatherWorld(db, now, progress, businesses),
      weatherBaseUrls: { open_meteo: weather.baseUrl },
    });
    return {
      server,
      weather,
      close: async () => {
        await server.close();
        await weather.close();
      },
    };
  } catch (error) {
    await weather.close();
    throw error;
  }
}
