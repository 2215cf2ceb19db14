/**
 * A disclosure button (aria-expanded + aria-controls). Enter and Space are handled on keydown, so the toggle
 * works the same wherever keyboard activation of buttons is not synthesised; the browser's own click that
 * may follow such a key press is then ignored, so one key press toggles exactly once.
 */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface ToggleButtonProps {
  expanded: boolean;
  controls: string;
  onToggle: (expanded: boolean) => void;
  class?: string;
  children: ComponentChildren;
  label?: string;
}

export function ToggleButton({ expanded, controls, onToggle, class: cls, children, label }: ToggleButtonProps) {
  const lastKeyToggle = useRef(0);
  return (
    <button
      type="button"
      class={cls}
      aria-expanded={expanded ? 'true' : 'false'}
      aria-controls={controls}
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        if (e.repeat) return;
        lastKeyToggle.current = Date.now();
        onToggle(!expanded);
      }}
      onClick={(e) => {
        // detail 0 marks a click synthesised from the keyboard; the keydown above already toggled.
        if (e.detail === 0 && Date.now() - lastKeyToggle.current < 500) return;
        onToggle(!expanded);
      }}
    >
      {children}
    </button>
  );
}
