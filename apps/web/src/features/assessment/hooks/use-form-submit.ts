import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText, apiFieldErrors } from '../../../ui/api-error-text';

/** A form's submit: runs `send`, then `onDone`; keeps the error and the fields the API named, and whether it is sending. */
export function useFormSubmit(send: () => Promise<unknown>, onDone: () => void) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    try {
      await send();
      onDone();
    } catch (e) {
      setError(apiErrorText(e, t));
      setFields(apiFieldErrors(e));
    } finally {
      setSending(false);
    }
  };
  return { submit: (event: FormEvent) => void submit(event), error, fields, sending };
}
