/**
 * The few DOM shapes the test's in-page functions touch. The test project is typed for Node (no DOM
 * lib), and functions passed to page.evaluate run in the page, so they may only use types from here
 * (erased at compile time), never values imported into the test.
 */
export interface PageElement {
  readonly dataset: Record<string, string | undefined>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  cloneNode(deep: boolean): PageElement;
  querySelectorAll(selector: string): { forEach(callback: (element: PageElement) => void): void };
  remove(): void;
}

export interface PageGlobals {
  document: {
    readonly body: PageElement;
    readonly activeElement: PageElement | null;
    querySelector(selector: string): PageElement | null;
  };
}
