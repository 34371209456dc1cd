// Map pins drawn as HTML (Leaflet's default marker PNGs lose their paths under a bundler).
import { divIcon, type DivIcon } from 'leaflet';

/** The class MapView colours from the theme; `tone` picks the palette colour. */
export const PIN_CLASS = 'servicepro-map-pin';

export type PinTone = 'primary' | 'secondary';

const PIN_SVG =
  '<svg viewBox="0 0 28 40" width="28" height="40" aria-hidden="true" focusable="false">' +
  '<path d="M14 1C7 1 1.5 6.5 1.5 13.5 1.5 23 14 39 14 39s12.5-16 12.5-25.5C26.5 6.5 21 1 14 1z" fill="currentColor" stroke="white" stroke-width="2"/>' +
  '<circle cx="14" cy="13.5" r="4.5" fill="white"/></svg>';

const icons = new Map<PinTone, DivIcon>();

/** A teardrop pin whose tip sits on the point; one shared icon per tone. */
export function pinIcon(tone: PinTone = 'primary'): DivIcon {
  let icon = icons.get(tone);
  if (!icon) {
    icon = divIcon({
      className: `${PIN_CLASS} ${PIN_CLASS}--${tone}`,
      html: PIN_SVG,
      iconSize: [28, 40],
      iconAnchor: [14, 39],
      popupAnchor: [0, -36],
      tooltipAnchor: [0, -36],
    });
    icons.set(tone, icon);
  }
  return icon;
}
