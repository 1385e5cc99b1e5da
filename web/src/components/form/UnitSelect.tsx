/** A select of the units the caller may reach, indented as a tree; optionally with an "all units" choice. */
import { useMemo } from 'react';
import type { Unit } from '../../types.js';
import { buildTree, flatten, optionLabel } from '../../units.js';
import type { ControlProps } from '../Field.js';

export function UnitSelect({
  control,
  units,
  value,
  onChange,
  emptyLabel,
  required,
  testId,
}: {
  control: ControlProps;
  units: readonly Unit[];
  value: string;
  onChange: (value: string) => void;
  /** The label of the empty choice ("Semua unit", "— Pilih —"). */
  emptyLabel: string;
  required?: boolean;
  testId?: string;
}) {
  const options = useMemo(() => flatten(buildTree(units.filter((u) => u.active || u.id === value))), [units, value]);
  return (
    <select {...control} value={value} required={required} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{emptyLabel}</option>
      {options.map((n) => (
        <option key={n.unit.id} value={n.unit.id}>
          {optionLabel(n)}
        </option>
      ))}
    </select>
  );
}
