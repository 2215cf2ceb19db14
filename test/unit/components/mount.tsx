/** Mounting for view tests: a fresh container in document.body, DOM queries, and unmounting after each test. */
import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach } from 'vitest';

export interface Mounted {
  container: HTMLElement;
  rerender(next: ComponentChildren): void;
  /** The first element matching `selector`; throws when there is none, so a missing element names itself. */
  q<T extends Element = HTMLElement>(selector: string): T;
  qa<T extends Element = HTMLElement>(selector: string): T[];
  unmount(): void;
}

/** Renders `node` into a new container; `wrap` puts the same providers around it on every render. */
export function mountNode(node: ComponentChildren, wrap: (n: ComponentChildren) => ComponentChildren = (n) => n): Mounted {
  const container = document.createElement('div');
  document.body.appendChild(container);
  act(() => render(wrap(node), container));
  return {
    container,
    rerender(next) {
      act(() => render(wrap(next), container));
    },
    q<T extends Element = HTMLElement>(selector: string): T {
      const el = container.querySelector<T>(selector);
      if (!el) throw new Error(`no element matches ${selector}`);
      return el;
    },
    qa<T extends Element = HTMLElement>(selector: string): T[] {
      return [...container.querySelectorAll<T>(selector)];
    },
    unmount() {
      act(() => render(null, container));
      container.remove();
    },
  };
}

/** Called at a test file's top level: what the returned `keep` is given is unmounted after each test. */
export function unmountAfterEach(): <T extends { unmount(): void }>(view: T) => T {
  const mounted: Array<{ unmount(): void }> = [];
  afterEach(() => {
    while (mounted.length) mounted.pop()!.unmount();
  });
  return (view) => (mounted.push(view), view);
}
