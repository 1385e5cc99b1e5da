/** A native date input (the browser's picker, in the browser's locale) with the long date written next to it. */
import { useI18n } from '../../i18n.js';
import type { ControlProps } from '../Field.js';

export function DateInput({
  control,
  value,
  onChange,
  min,
  max,
  required,
  testId,
}: {
  control: ControlProps;
  value: string;
  onChange: (value: string) => void;
  min?: string;
  max?: string;
  required?: boolean;
  testId?: string;
}) {
  const { date } = useI18n();
  return (
    <div className="date-row">
      <input {...control} type="date" value={value} min={min} max={max} required={required} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
      <output htmlFor={control.id} className="date-long" aria-live="polite">
        {value ? date(value) : ''}
      </output>
    </div>
  );
}
