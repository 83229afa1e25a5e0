/** A form field's problem, announced to screen readers; nothing when there is none. */
export function FieldError({ message, id, inline = false }: { message?: string | null; id?: string; inline?: boolean }) {
  if (!message) return null;
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag className="field-error" {...(id ? { id } : {})} role="alert">
      {message}
    </Tag>
  );
}
