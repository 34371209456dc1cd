// Which lane a dragged card is over. The lanes are one drop target for dnd-kit (Lanes.tsx): dnd-kit
// re-renders every droppable when a drag starts, crosses into another target and ends, and with
// one per lane that was all 50 lane timelines, three times a drag. The board finds the lane under
// the pointer itself, and each lane re-renders only when it becomes, or stops being, the one.
import { createContext, useContext, useSyncExternalStore } from 'react';

/** dnd-kit id of the lanes' single drop target. */
export const LANES_DROP_ID = 'lanes';

/**
 * The lane (staff id) under a point of the window: its name, its timeline or a card on it. The card
 * being dragged is looked through, as it sits under the pointer wherever it goes.
 */
export function laneAt(x: number, y: number): string | null {
  for (const element of document.elementsFromPoint(x, y)) {
    if (element.closest('.sp-dragging')) continue;
    const lane = element.closest<HTMLElement>('[data-testid="lane"]');
    if (lane) return lane.dataset.staffId ?? null;
  }
  return null;
}

/** A lane's row on the page (absent while filtered out). */
export function laneElement(staffId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(
    `[data-testid="lane"][data-staff-id="${CSS.escape(staffId)}"]`,
  );
}

/** The timeline of a lane, where its cards are placed (a drop's time is read against its edge). */
export function laneTimeline(staffId: string): HTMLElement | null {
  return laneElement(staffId)?.querySelector<HTMLElement>('[data-testid="lane-timeline"]') ?? null;
}

/** The lane a drag is over, for the lanes to show it. */
export class LaneHover {
  private lane: string | null = null;
  private readonly listeners = new Set<() => void>();

  get current(): string | null {
    return this.lane;
  }

  set(lane: string | null): void {
    if (lane === this.lane) return;
    this.lane = lane;
    for (const listener of this.listeners) listener();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

const NO_HOVER = new LaneHover();
export const LaneHoverContext = createContext<LaneHover>(NO_HOVER);

/** Whether a drag is over this lane; re-renders the caller only when that changes. */
export function useLaneHovered(staffId: string): boolean {
  const hover = useContext(LaneHoverContext);
  return useSyncExternalStore(hover.subscribe, () => hover.current === staffId);
}
