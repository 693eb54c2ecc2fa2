/**
 * Translation: user-visible strings go through JupyterLab's ITranslator.
 * The domain is the Python package name, as JupyterLab language packs expect.
 */
import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';

export const TRANSLATION_DOMAIN = 'jupyter_ext';

/** The untranslated (English) bundle: the default when no translator is given. */
export function defaultTrans(): TranslationBundle {
  return nullTranslator.load(TRANSLATION_DOMAIN);
}
