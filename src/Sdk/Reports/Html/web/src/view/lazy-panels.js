// Panels drawn when they come near the window and released when far from it, so a page of 10,000 metrics
// draws the dozen charts a reader sees, not 10,000. An IntersectionObserver reports panels entering and
// leaving a band of the window's height around it; the owner draws or releases them.

/** How far beyond the window a panel counts as in view: drawn before it is scrolled to. */
const NEAR = "600px 0px";

/**
 * @template T
 */
export class LazyPanels {
  /**
   * @param {(near: T[], far: T[]) => void} onChange the panels that came near the window and those that left it
   */
  constructor(onChange) {
    /** @type {Map<Element, T>} */
    this.panels = new Map();
    this.observer = new IntersectionObserver(entries => {
      /** @type {T[]} */
      const near = [];
      /** @type {T[]} */
      const far = [];
      for (const entry of entries) {
        const panel = this.panels.get(entry.target);
        if (panel !== undefined) (entry.isIntersecting ? near : far).push(panel);
      }
      if (near.length || far.length) onChange(near, far);
    }, { rootMargin: NEAR });
  }

  /**
   * @param {Element} element
   * @param {T} panel
   */
  observe(element, panel) {
    this.panels.set(element, panel);
    this.observer.observe(element);
  }

  /** @param {Element} element */
  forget(element) {
    this.panels.delete(element);
    this.observer.unobserve(element);
  }

  /** Stops watching every panel (before the board is drawn anew). */
  clear() {
    this.observer.disconnect();
    this.panels.clear();
  }
}
