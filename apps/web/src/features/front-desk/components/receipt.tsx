import type { CaseDetail } from '@grid/contracts';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCategories } from '../../../cases/use-reference-data';
import { copyText, type CopyOutcome } from '../../../ui/copy-text';
import form from '../../../ui/form.module.css';
import styles from './front-desk-page.module.css';
import own from './receipt.module.css';

/** The tracking link as a QR code (an SVG data URL, drawn here: no request leaves the intranet). */
function useQrCode(text: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => live && setUrl(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`));
    return () => {
      live = false;
    };
  }, [text]);
  return url;
}

/**
 * What the resident leaves the window with: the case code (查询码), a QR code of the tracking link, the category,
 * when it was registered and by when it is promised; printed as a slip of its own (the page's navigation and
 * buttons stay off the paper). The code alone also works: with the last four digits of the phone at /track.
 */
export function Receipt({ detail, onNext }: { detail: CaseDetail; onNext: () => void }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const [copied, setCopied] = useState<CopyOutcome | null>(null);
  const linkRef = useRef<HTMLAnchorElement>(null);
  const link = `${window.location.origin}/track/${detail.trackingToken}`;
  const lookup = `${window.location.origin}/track`;
  const qr = useQrCode(link);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const category = categories.byCode.get(detail.categoryCode)?.name ?? detail.categoryCode;
  // The promise to the resident is the whole case's clock (立案 to 办结).
  const promisedAt = detail.clocks.find((c) => c.clock === 'case')?.dueAt ?? null;
  return (
    <section className={`${styles.card} ${styles.receipt} ${own.slip}`} aria-labelledby="receipt-title" data-testid="front-desk-receipt">
      <h1 id="receipt-title" className={styles.title}>
        {t('frontDesk.registered')}
      </h1>
      <div className={own.top}>
        <div className={own.facts}>
          <p className={styles.label}>{t('frontDesk.code')}</p>
          <p className={styles.code} data-testid="receipt-code">
            {detail.code}
          </p>
          <dl className={own.list}>
            <dt>{t('frontDesk.receipt.category')}</dt>
            <dd data-testid="receipt-category">{category}</dd>
            <dt>{t('frontDesk.receipt.registeredAt')}</dt>
            <dd>{when(detail.reportedAt)}</dd>
            <dt>{t('frontDesk.receipt.promisedBy')}</dt>
            <dd data-testid="receipt-promised">{promisedAt ? when(promisedAt) : t('frontDesk.receipt.noPromise')}</dd>
          </dl>
        </div>
        {qr && <img className={own.qr} src={qr} alt={t('frontDesk.receipt.qr')} data-testid="receipt-qr" />}
      </div>
      <p className={styles.label}>{t('frontDesk.trackingLink')}</p>
      <p className={styles.link}>
        <a href={link} target="_blank" rel="noreferrer" data-testid="receipt-link" ref={linkRef}>
          {link}
        </a>
      </p>
      <p className={own.lookup} data-testid="receipt-lookup">
        {t('frontDesk.receipt.lookup', { url: lookup })}
      </p>
      {copied === 'manual' && (
        <p className={`${styles.tell} ${own.screenOnly}`} role="status" data-testid="copy-manual">
          {t('common.copyManual')}
        </p>
      )}
      <p className={`${styles.tell} ${own.screenOnly}`}>{t('frontDesk.tellResident')}</p>
      <div className={`${form.row} ${own.screenOnly}`}>
        <button type="button" className={form.button} onClick={() => void copyText(link, linkRef.current).then(setCopied)} data-testid="receipt-copy">
          {copied === 'copied' ? t('common.copied') : t('common.copy')}
        </button>
        <button type="button" className={form.button} onClick={() => window.print()} data-testid="receipt-print">
          {t('frontDesk.print')}
        </button>
        <Link className={form.button} to={`/desk/${detail.id}`}>
          {t('map.openCase')}
        </Link>
        <button type="button" className={`${form.button} ${form.primary}`} onClick={onNext} data-testid="front-desk-next">
          {t('frontDesk.next')}
        </button>
      </div>
    </section>
  );
}
