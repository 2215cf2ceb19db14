// A sample for the measure test: its line numbers are asserted there.
export function declared(): number {
  return 1;
}

export const arrow = (a: number): number => {
  const b = a + 1;
  return b;
};

export class Sample {
  method(): number {
    const inner = () => 2;
    return inner();
  }
}
