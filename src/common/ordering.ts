/** Ordered siblings (tasks under a parent, todos on a task) keep positions 0..n-1. */
export interface Positioned {
  position: number;
}

/** Puts `item` at `position` (clamped; default last) among `items` and renumbers them. */
export function placeAt<T extends Positioned>(items: T[], item: T, position?: number | null): void {
  const others = items.filter((other) => other !== item);
  others.splice(Math.min(position ?? others.length, others.length), 0, item);
  others.forEach((other, index) => (other.position = index));
}

/** Closes the gap `item` leaves among `items`. */
export function closeGap<T extends Positioned>(items: T[], item: T): void {
  items.filter((other) => other !== item).forEach((other, index) => (other.position = index));
}
