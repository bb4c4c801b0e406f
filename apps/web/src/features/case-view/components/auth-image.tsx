import { type ImgHTMLAttributes, useEffect, useState } from 'react';
import { apiRequest } from '../../../api/api-client';

/**
 * An image the API serves only with the bearer token (case photos): fetched as a blob and shown from an
 * object URL, released when the image goes away.
 */
export function AuthImage({ src, alt, ...props }: { src: string; alt: string } & Omit<ImgHTMLAttributes<HTMLImageElement>, 'src' | 'alt'>) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    apiRequest<Blob>(src, { signal: controller.signal, responseType: 'blob' })
      .then((blob) => {
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => setUrl(null));
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [src]);
  return url ? <img src={url} alt={alt} {...props} /> : <span className={props.className} aria-busy="true" />;
}
