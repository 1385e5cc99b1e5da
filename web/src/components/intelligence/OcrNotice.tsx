/** A warning that scans cannot be read while the server lacks its OCR tools (from the health endpoint). */
import { useI18n } from '../../i18n.js';
import { useOcrInfo } from '../../intelligence.js';

export function OcrNotice() {
  const { t } = useI18n();
  const ocr = useOcrInfo();
  if (!ocr) return null;
  const missing = [!ocr.tesseract && 'tesseract', !ocr.pdftoppm && 'pdftoppm'].filter(Boolean).join(', ');
  if (missing) {
    return (
      <p className="alert alert-warn small" data-testid="ocr-missing">
        {t('ocr.missing', { tools: missing })}
      </p>
    );
  }
  if (ocr.missingLanguages.length) {
    return <p className="alert alert-warn small">{t('ocr.missingLanguages', { languages: ocr.missingLanguages.join(', ') })}</p>;
  }
  return null;
}
