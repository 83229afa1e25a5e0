import type { ReactNode } from 'react';
import { FieldError } from './FieldError.js';

/**
 * A form's labelled fields, each with its hint or, once checked, its problem, tied to the input for screen readers.
 * `field` lays one out; `described` gives its input the id and aria attributes that point at the hint or the problem.
 */
export function formFields<K extends string>(formId: string, problems: Partial<Record<K, string>>) {
  const field = (key: K, labelText: string, input: ReactNode, hint?: ReactNode) => (
    <div className={`field field-${key}`}>
      <label htmlFor={`${formId}-${key}`}>{labelText}</label>
      {input}
      {hint && !problems[key] && (
        <span className="hint" id={`${formId}-${key}-hint`}>
          {hint}
        </span>
      )}
      <FieldError message={problems[key]} id={`${formId}-${key}-error`} inline />
    </div>
  );
  const described = (key: K) => ({
    id: `${formId}-${key}`,
    'aria-invalid': !!problems[key],
    'aria-describedby': problems[key] ? `${formId}-${key}-error` : `${formId}-${key}-hint`,
  });
  return { field, described };
}
