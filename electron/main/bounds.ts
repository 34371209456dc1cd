// Window bounds kept between launches, pulled back on screen when a monitor has gone.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState extends Partial<Rect> {
  maximized?: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 960, height: 600 };
/** How much of the title bar must sit on a display for saved bounds to be trusted. */
const MIN_VISIBLE = 64;

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  return {
    w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Bounds to open the window with: the saved ones when they are still visible on a display,
 * otherwise the default size centred on the primary work area (clamped to fit it).
 */
export function restoreBounds(
  saved: SavedWindowState | undefined,
  workAreas: readonly Rect[],
): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const width = Math.max(
    MIN_SIZE.width,
    Math.min(saved?.width ?? DEFAULT_SIZE.width, primary.width),
  );
  const height = Math.max(
    MIN_SIZE.height,
    Math.min(saved?.height ?? DEFAULT_SIZE.height, primary.height),
  );
  if (saved?.x !== undefined && saved.y !== undefined) {
    const candidate = { x: saved.x, y: saved.y, width, height };
    const titleBar = { ...candidate, height: 32 };
    const visible = workAreas.some((area) => {
      const o = overlap(titleBar, area);
      return o.w >= MIN_VISIBLE && o.h > 0;
    });
    if (visible) return candidate;
  }
  return {
    x: Math.round(primary.x + (primary.width - width) / 2),
    y: Math.round(primary.y + (primary.height - height) / 2),
    width,
    height,
  };
}
